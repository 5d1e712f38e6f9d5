/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The installation secret under which UIDs are replaced during de-identification, kept in
 * {@code <data>/secrets/uid.key} (created once, readable by the owner only). Every node of an
 * installation must share it (they share the data directory).
 */
final class UidKey {

    private UidKey() {
    }

    static synchronized byte[] load(Path dataDir) {
        Path file = dataDir.resolve("secrets").resolve("uid.key");
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(file.getParent(), "uid", ".tmp");
            Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp); // created concurrently by another node
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the UID key " + file + ": " + e.getMessage(), e);
        }
    }
}

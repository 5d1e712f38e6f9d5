/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.filestore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed file storage: a file is stored once under the SHA-256 of its bytes, at
 * {@code root/ab/cd/abcd...}. Writes go to a temporary file first and are moved into place, so a
 * crash never leaves a partial file under a valid name. Plain Java: no framework inside.
 */
public final class FileStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    public FileStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A stored file: its hash and size. */
    public record Stored(String sha256, long size) {
    }

    /** Something that writes a file's bytes. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Stores what the writer writes, hashing on the way (no copy in memory); the same bytes again are a no-op. */
    public Stored write(Writer writer) throws IOException {
        Path tmpDir = root.resolve("tmp");
        Files.createDirectories(tmpDir);
        Path tmp = Files.createTempFile(tmpDir, "write-", ".part");
        try {
            MessageDigest md = sha256();
            long size;
            try (java.security.DigestOutputStream out = new java.security.DigestOutputStream(
                    new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), md)) {
                writer.writeTo(new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the store closes the file, not the writer
                    }
                });
                out.flush();
                size = Files.size(tmp);
            }
            return moveIntoPlace(tmp, HexFormat.of().formatHex(md.digest()), size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Stored moveIntoPlace(Path tmp, String hash, long size) throws IOException {
        Path target = path(hash);
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            } catch (FileAlreadyExistsException e) {
                // stored concurrently by someone else: same bytes
            }
        }
        return new Stored(hash, size);
    }

    /** Stores the stream's bytes; storing the same bytes again is a no-op. */
    public Stored put(InputStream in) throws IOException {
        Path tmpDir = root.resolve("tmp");
        Files.createDirectories(tmpDir);
        Path tmp = Files.createTempFile(tmpDir, "upload-", ".part");
        try {
            MessageDigest md = sha256();
            long size;
            try (DigestInputStream din = new DigestInputStream(in, md); OutputStream out = Files.newOutputStream(tmp)) {
                size = din.transferTo(out);
            }
            return moveIntoPlace(tmp, HexFormat.of().formatHex(md.digest()), size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 hex digest: '" + sha256 + "'");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    /** Whether the stored bytes still hash to their name. */
    public boolean verify(String sha256) throws IOException {
        Path p = path(sha256);
        if (!Files.isRegularFile(p)) {
            return false;
        }
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest()).equals(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

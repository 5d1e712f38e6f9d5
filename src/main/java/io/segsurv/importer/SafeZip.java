/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip into a directory, refusing what could escape it or exhaust the disk:
 * entries with absolute or {@code ..} paths, more than {@code maxEntries} entries, more than
 * {@code maxBytes} in all, or an expansion ratio above {@code maxRatio} (zip bombs).
 */
public final class SafeZip {

    public record Limits(long maxBytes, int maxEntries, double maxRatio) {
        public static final Limits DEFAULT = new Limits(20L << 30, 200_000, 200);
    }

    private SafeZip() {
    }

    public static int extract(InputStream zip, long compressedSize, String name, Path target, Limits limits) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String entryName = entry.getName().replace('\\', '/');
                if (entryName.startsWith("/") || entryName.matches("^[A-Za-z]:.*") || Path.of(entryName).normalize().startsWith("..")
                        || entryName.contains("/../") || entryName.startsWith("../")) {
                    throw new IOException(name + ": entry '" + entry.getName() + "' points outside the archive; nothing was imported");
                }
                if (++entries > limits.maxEntries()) {
                    throw new IOException(name + ": has more than " + limits.maxEntries() + " entries; nothing was imported");
                }
                Path out = root.resolve(entryName).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException(name + ": entry '" + entry.getName() + "' points outside the archive; nothing was imported");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > limits.maxBytes()) {
                            throw new IOException(name + ": expands to more than " + limits.maxBytes() + " bytes; nothing was imported");
                        }
                        if (compressedSize > 0 && total > 1_000_000 && total > limits.maxRatio() * compressedSize) {
                            throw new IOException(name + ": expands more than " + (int) limits.maxRatio()
                                    + " times its size (a zip bomb?); nothing was imported");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(name + ": is not a valid zip archive (" + e.getMessage() + ")", e);
        }
        if (entries == 0) {
            throw new IOException(name + ": is empty or not a zip archive");
        }
        return entries;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeZipTest {

    @TempDir
    Path dir;

    @Test
    void extractsNestedFolders() throws IOException {
        byte[] zip = zip("a/b/one.dcm", new byte[] {1, 2, 3}, "two.dcm", new byte[] {4});
        int n = SafeZip.extract(new ByteArrayInputStream(zip), zip.length, "x.zip", dir, SafeZip.Limits.DEFAULT);
        assertThat(n).isEqualTo(2);
        assertThat(Files.readAllBytes(dir.resolve("a/b/one.dcm"))).containsExactly(1, 2, 3);
    }

    @Test
    void refusesEntriesThatLeaveTheArchive() throws IOException {
        for (String evil : new String[] {"../evil.dcm", "a/../../evil.dcm", "/etc/evil.dcm"}) {
            byte[] zip = zip(evil, new byte[] {1});
            assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip), zip.length, "x.zip", dir.resolve("out"), SafeZip.Limits.DEFAULT))
                    .as(evil).hasMessageContaining("x.zip: entry '" + evil + "' points outside the archive");
        }
        assertThat(Files.exists(dir.resolve("evil.dcm"))).isFalse();
    }

    @Test
    void refusesZipBombs() throws IOException {
        byte[] zeros = new byte[50_000_000];
        byte[] zip = zip("zeros.dcm", zeros);
        assertThat(zip.length).isLessThan(200_000); // 50 MB of zeros compress ~1000:1
        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip), zip.length, "bomb.zip", dir, SafeZip.Limits.DEFAULT))
                .hasMessageContaining("bomb.zip: expands more than 200 times its size");
        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(zip), zip.length, "big.zip", dir,
                new SafeZip.Limits(10_000_000, 10, 1e9))).hasMessageContaining("big.zip: expands to more than 10000000 bytes");
    }

    @Test
    void refusesSomethingThatIsNotAZip() {
        byte[] junk = "this is not a zip".getBytes();
        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(junk), junk.length, "notes.zip", dir, SafeZip.Limits.DEFAULT))
                .hasMessage("notes.zip: is empty or not a zip archive");
        assertThatThrownBy(() -> SafeZip.extract(new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 9, 9, 9}), 7, "bad.zip", dir,
                SafeZip.Limits.DEFAULT)).hasMessageStartingWith("bad.zip: ");
    }

    private static byte[] zip(Object... nameAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
                z.write((byte[]) nameAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {

    @TempDir
    Path root;

    @Test
    void storesUnderTheSha256OfTheContentOnce() throws IOException {
        FileStore store = new FileStore(root);
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        FileStore.Stored first = store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        FileStore.Stored again = store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(first.sha256()).isEqualTo(abc);
        assertThat(first.size()).isEqualTo(3);
        assertThat(again).isEqualTo(first);
        assertThat(store.path(abc)).isEqualTo(root.resolve("ba").resolve("78").resolve(abc));
        assertThat(Files.readString(store.path(abc))).isEqualTo("abc");
        assertThat(store.verify(abc)).isTrue();
        try (var files = Files.list(root.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void detectsCorruptionAndMissingFiles() throws IOException {
        FileStore store = new FileStore(root);
        String hash = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3})).sha256();
        Files.write(store.path(hash), new byte[] {1, 2, 4});
        assertThat(store.verify(hash)).isFalse();
        Files.delete(store.path(hash));
        assertThat(store.verify(hash)).isFalse();
        assertThat(store.contains(hash)).isFalse();
    }

    @Test
    void aFailedUploadLeavesNoFileBehind() {
        FileStore store = new FileStore(root);
        InputStream broken = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> store.put(broken)).hasMessageContaining("connection reset");
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rejectsNamesThatAreNotHashes() {
        FileStore store = new FileStore(root);
        assertThatThrownBy(() -> store.path("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a SHA-256");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFileTest {

    @TempDir
    Path dir;

    static PreprocessedCase petCt() {
        Grid ctGrid = PreprocessorTest.ct(false);
        return PreprocessorTest.ENGINE.run(Phantoms.sphere(ctGrid, PreprocessorTest.C, 12, 150f, -100f),
                Phantoms.sphere(PreprocessorTest.PET, PreprocessorTest.C, 12, 8f, 1f),
                Phantoms.sphereContours("GTV", ctGrid, PreprocessorTest.C, 12, 128),
                Phantoms.sphereContours("GTV-PET", PreprocessorTest.PET, PreprocessorTest.C, 12, 64));
    }

    /** A small CT-only case on an oblique grid, with warnings that need escaping. */
    static PreprocessedCase ctOnly() {
        Grid g = ResamplerTest.rotated(4, 3, 2, new Vec3(1.5, -2.25, 1e-7), 10, 20, 30, true, 1, 1.25, 2);
        float[] ct = new float[g.size()];
        byte[] mask = new byte[g.size()];
        for (int n = 0; n < ct.length; n++) {
            ct[n] = n / 23f;
            mask[n] = (byte) (n % 3 == 0 ? 1 : 0);
        }
        return new PreprocessedCase(g, ct, null, mask, null, new Vec3(0.1, 0.2, 0.3), 1.25, Double.NaN, Double.NaN, Double.NaN,
                List.of("two\nlines", "back\\slash = ok", "Ünïcode and \\n literal"));
    }

    @Test
    void roundTripsThroughAFile() throws IOException {
        for (PreprocessedCase c : List.of(petCt(), ctOnly())) {
            Path f = dir.resolve("case" + c.hasPet() + CaseFile.EXTENSION);
            CaseFile.write(c, f);
            PreprocessedCase back = CaseFile.read(f);
            assertThat(back).isEqualTo(c);
            assertThat(back.warnings()).isEqualTo(c.warnings());
            assertThat(back.grid()).isEqualTo(c.grid());
            assertThat(back.ct()).isEqualTo(c.ct());
            if (c.hasPet()) {
                assertThat(back.pet()).isEqualTo(c.pet());
                assertThat(back.petMask()).isEqualTo(c.petMask());
                // 96 x 96 x 48 x (4 + 4 + 1 + 1) bytes = 4.4 MB uncompressed; the clipped, mostly uniform phantom
                // compresses far below that
                assertThat(Files.size(f)).isLessThan(96 * 96 * 48 * 10 / 4);
            } else {
                assertThat(back.pet()).isNull();
                assertThat(back.suvMax()).isNaN();
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(CaseFile.EXTENSION));
        }
    }

    @Test
    void theBytesFollowTheDocumentedLayout() throws IOException {
        PreprocessedCase c = ctOnly();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseFile.write(c, out);
        byte[] raw;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            raw = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("SEGSCASE");
        assertThat(b.getInt()).isEqualTo(1);
        int h = b.getInt();
        byte[] header = new byte[h];
        b.get(header);
        String text = new String(header, StandardCharsets.UTF_8);
        assertThat(text).contains("size=4 3 2\n", "spacing=1.0 1.25 2.0\n", "gtvCentre=0.1 0.2 0.3\n", "tumourVolumeCm3=1.25\n",
                "suvMax=NaN\n", "pet=false\n", "warnings=3\n", "warning.0=two\\nlines\n", "warning.1=back\\\\slash = ok\n");
        // then 24 float32 little-endian CT values and 24 mask bytes, nothing else
        int n = 24;
        assertThat(b.remaining()).isEqualTo(4 * n + n);
        float[] ct = new float[n];
        b.asFloatBuffer().get(ct);
        assertThat(ct).containsExactly(c.ct());
        b.position(b.position() + 4 * n);
        byte[] mask = new byte[n];
        b.get(mask);
        assertThat(mask).containsExactly(c.ctMask());
    }

    @Test
    void damagedFilesAreRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseFile.write(ctOnly(), out);
        byte[] ok = out.toByteArray();
        assertThatThrownBy(() -> CaseFile.read(new ByteArrayInputStream(Arrays.copyOf(ok, ok.length - 12))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CaseFile.read(new ByteArrayInputStream(gzip("NOTACASE".getBytes(StandardCharsets.US_ASCII)))))
                .isInstanceOf(IOException.class).hasMessageContaining("bad magic");
        // a valid case with one byte too many
        byte[] raw;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(ok))) {
            raw = in.readAllBytes();
        }
        byte[] longer = Arrays.copyOf(raw, raw.length + 1);
        assertThatThrownBy(() -> CaseFile.read(new ByteArrayInputStream(gzip(longer))))
                .isInstanceOf(IOException.class).hasMessageContaining("data after its last array");
        byte[] shorter = Arrays.copyOf(raw, raw.length - 1);
        assertThatThrownBy(() -> CaseFile.read(new ByteArrayInputStream(gzip(shorter))))
                .isInstanceOf(IOException.class).hasMessageContaining("ends inside 'ctMask' (23 of 24 bytes)");
        // version 2 is refused
        byte[] v2 = raw.clone();
        v2[8] = 2;
        assertThatThrownBy(() -> CaseFile.read(new ByteArrayInputStream(gzip(v2))))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported case file version 2");
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}

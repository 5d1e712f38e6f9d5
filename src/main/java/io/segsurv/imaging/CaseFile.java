/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Stores a {@link PreprocessedCase} in one compact file per patient.
 *
 * <p>Format, version 1. The whole file is one gzip stream (RFC 1952, which also checks the
 * content with a CRC-32); uncompressed it holds, in order:
 * <ol>
 *   <li>8 bytes magic, ASCII {@code SEGSCASE};</li>
 *   <li>int32 little-endian format version, 1;</li>
 *   <li>int32 little-endian header length {@code H} in bytes;</li>
 *   <li>{@code H} bytes of UTF-8 header: lines {@code key=value} ending in {@code \n}. Keys:
 *     {@code size} (nx ny nz), {@code origin}, {@code rowDir}, {@code colDir}, {@code sliceDir}
 *     (x y z each, patient mm / unit vectors), {@code spacing} (sx sy sz, mm), {@code gtvCentre}
 *     (x y z), {@code tumourVolumeCm3}, {@code petVolumeCm3}, {@code suvMax}, {@code suvMean},
 *     {@code pet} ({@code true}/{@code false}), {@code warnings} (count) and {@code warning.0},
 *     {@code warning.1}, ... Numbers are Java's shortest round-trip decimal form ({@code NaN}
 *     where undefined), separated by single spaces; in warnings {@code \\}, newline and carriage
 *     return are written {@code \\\\}, {@code \\n}, {@code \\r};</li>
 *   <li>{@code ct}: {@code n = nx*ny*nz} float32 little-endian, index {@code i + nx*(j + ny*k)};</li>
 *   <li>{@code pet}: {@code n} float32 little-endian, only if {@code pet=true};</li>
 *   <li>{@code ctMask}: {@code n} bytes, 0 or 1;</li>
 *   <li>{@code petMask}: {@code n} bytes, only if {@code pet=true};</li>
 * </ol>
 * and nothing after. A 96 x 96 x 48 PET/CT case is 4.4 MB uncompressed.
 */
public final class CaseFile {

    /** File name extension by convention. */
    public static final String EXTENSION = ".segscase.gz";

    private static final byte[] MAGIC = "SEGSCASE".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_HEADER = 1 << 20;

    private CaseFile() {
    }

    /** Writes {@code c} to {@code file} through a temporary file, so a crash leaves no partial file under the name. */
    public static void write(PreprocessedCase c, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(c, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a case written by {@link #write(PreprocessedCase, Path)}. */
    public static PreprocessedCase read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Writes {@code c} to {@code out} (which stays open). */
    public static void write(PreprocessedCase c, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        try (BufferedOutputStream o = new BufferedOutputStream(gz, 1 << 16)) {
            byte[] header = header(c).getBytes(StandardCharsets.UTF_8);
            o.write(MAGIC);
            o.write(le(ByteBuffer.allocate(8)).putInt(VERSION).putInt(header.length).array());
            o.write(header);
            o.write(floats(c.ct()));
            if (c.hasPet()) {
                o.write(floats(c.pet()));
            }
            o.write(c.ctMask());
            if (c.hasPet()) {
                o.write(c.petMask());
            }
        }
    }

    /** Reads one case from {@code in}, checking the magic, version, lengths and the end of the stream. */
    public static PreprocessedCase read(InputStream in) throws IOException {
        try (InputStream i = new BufferedInputStream(new GZIPInputStream(new NonClosingIn(in), 1 << 16), 1 << 16)) {
            byte[] magic = exactly(i, MAGIC.length, "magic");
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a SegSurv case file (bad magic)");
            }
            ByteBuffer vh = le(ByteBuffer.wrap(exactly(i, 8, "version")));
            int version = vh.getInt();
            int headerLength = vh.getInt();
            if (version != VERSION) {
                throw new IOException("unsupported case file version " + version + " (this build reads " + VERSION + ")");
            }
            if (headerLength < 0 || headerLength > MAX_HEADER) {
                throw new IOException("case file header length " + headerLength + " is invalid");
            }
            Map<String, String> h = parse(new String(exactly(i, headerLength, "header"), StandardCharsets.UTF_8));
            double[] size = numbers(h, "size", 3);
            double[] spacing = numbers(h, "spacing", 3);
            Grid grid;
            try {
                grid = new Grid((int) size[0], (int) size[1], (int) size[2], vec(h, "origin"), vec(h, "rowDir"),
                        vec(h, "colDir"), vec(h, "sliceDir"), spacing[0], spacing[1], spacing[2]);
            } catch (IllegalArgumentException e) {
                throw new IOException("case file grid is invalid: " + e.getMessage(), e);
            }
            String petFlag = value(h, "pet");
            if (!petFlag.equals("true") && !petFlag.equals("false")) {
                throw new IOException("case file header 'pet' must be true or false, got '" + petFlag + "'");
            }
            boolean hasPet = petFlag.equals("true");
            int nWarnings = (int) numbers(h, "warnings", 1)[0];
            List<String> warnings = new ArrayList<>(nWarnings);
            for (int w = 0; w < nWarnings; w++) {
                warnings.add(unescape(value(h, "warning." + w)));
            }
            int n = grid.size();
            float[] ct = floats(exactly(i, 4 * n, "ct"));
            float[] pet = hasPet ? floats(exactly(i, 4 * n, "pet")) : null;
            byte[] ctMask = exactly(i, n, "ctMask");
            byte[] petMask = hasPet ? exactly(i, n, "petMask") : null;
            if (i.read() != -1) {
                throw new IOException("case file has data after its last array");
            }
            try {
                return new PreprocessedCase(grid, ct, pet, ctMask, petMask, vec(h, "gtvCentre"),
                        numbers(h, "tumourVolumeCm3", 1)[0], numbers(h, "petVolumeCm3", 1)[0], numbers(h, "suvMax", 1)[0],
                        numbers(h, "suvMean", 1)[0], warnings);
            } catch (IllegalArgumentException e) {
                throw new IOException("case file content is invalid: " + e.getMessage(), e);
            }
        }
    }

    private static String header(PreprocessedCase c) {
        Grid g = c.grid();
        StringBuilder s = new StringBuilder();
        line(s, "size", g.nx() + " " + g.ny() + " " + g.nz());
        line(s, "origin", vec(g.origin()));
        line(s, "rowDir", vec(g.rowDir()));
        line(s, "colDir", vec(g.colDir()));
        line(s, "sliceDir", vec(g.sliceDir()));
        line(s, "spacing", g.sx() + " " + g.sy() + " " + g.sz());
        line(s, "gtvCentre", vec(c.gtvCentre()));
        line(s, "tumourVolumeCm3", Double.toString(c.tumourVolumeCm3()));
        line(s, "petVolumeCm3", Double.toString(c.petVolumeCm3()));
        line(s, "suvMax", Double.toString(c.suvMax()));
        line(s, "suvMean", Double.toString(c.suvMean()));
        line(s, "pet", Boolean.toString(c.hasPet()));
        line(s, "warnings", Integer.toString(c.warnings().size()));
        for (int w = 0; w < c.warnings().size(); w++) {
            line(s, "warning." + w, escape(c.warnings().get(w)));
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append('=').append(value).append('\n');
    }

    private static String vec(Vec3 v) {
        return v.x() + " " + v.y() + " " + v.z();
    }

    private static Map<String, String> parse(String header) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : header.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException("case file header line '" + line + "' is not key=value");
            }
            h.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return h;
    }

    private static String value(Map<String, String> h, String key) throws IOException {
        String v = h.get(key);
        if (v == null) {
            throw new IOException("case file header has no '" + key + "'");
        }
        return v;
    }

    private static double[] numbers(Map<String, String> h, String key, int count) throws IOException {
        String[] parts = value(h, key).trim().split(" ");
        if (parts.length != count) {
            throw new IOException("case file header '" + key + "' must hold " + count + " numbers, got '" + h.get(key) + "'");
        }
        double[] r = new double[count];
        try {
            for (int n = 0; n < count; n++) {
                r[n] = Double.parseDouble(parts[n]);
            }
        } catch (NumberFormatException e) {
            throw new IOException("case file header '" + key + "' is not numeric: '" + h.get(key) + "'", e);
        }
        return r;
    }

    private static Vec3 vec(Map<String, String> h, String key) throws IOException {
        double[] v = numbers(h, key, 3);
        try {
            return new Vec3(v[0], v[1], v[2]);
        } catch (IllegalArgumentException e) {
            throw new IOException("case file header '" + key + "' is invalid: " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int n = 0; n < s.length(); n++) {
            char ch = s.charAt(n);
            if (ch == '\\' && n + 1 < s.length()) {
                char e = s.charAt(++n);
                b.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static ByteBuffer le(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] floats(float[] a) {
        ByteBuffer b = le(ByteBuffer.allocate(4 * a.length));
        b.asFloatBuffer().put(a);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] a = new float[bytes.length / 4];
        le(ByteBuffer.wrap(bytes)).asFloatBuffer().get(a);
        return a;
    }

    private static byte[] exactly(InputStream in, int length, String what) throws IOException {
        byte[] b = in.readNBytes(length);
        if (b.length != length) {
            throw new EOFException("case file ends inside '" + what + "' (" + b.length + " of " + length + " bytes)");
        }
        return b;
    }

    /** Lets the gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Leaves the caller's stream open. */
    private static final class NonClosingIn extends FilterInputStream {
        NonClosingIn(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}

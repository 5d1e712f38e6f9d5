/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bottleneck features of a cohort in a compact columnar file: the magic {@code SEGSFEAT}, a format
 * version (int32), a UTF-8 header (int32 length, then lines: model id, modality letter, feature
 * count, patient count, then one patient pseudonym per line), then for every feature its values for
 * all patients as little-endian float32 ({@code features x patients}, feature-major: one feature's
 * column is contiguous). Feature j is named {@code <letter><j zero-padded>} (C00000-C55295 at the
 * paper's size; see {@link io.segsurv.segmentation.networks.BottleneckFeatures}).
 *
 * @param modelId the model that produced the features
 * @param letter C (CT) or P (PET)
 * @param digits zero-padded width of the feature numbers
 * @param patients pseudonyms in row order
 * @param values {@code values[patient][feature]}
 */
public record FeatureFile(long modelId, char letter, int digits, List<String> patients, float[][] values) {

    private static final byte[] MAGIC = "SEGSFEAT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    public FeatureFile {
        patients = List.copyOf(patients);
        if (values.length != patients.size()) {
            throw new IllegalArgumentException(values.length + " rows of values for " + patients.size() + " patients");
        }
    }

    public int features() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public String name(int feature) {
        return letter + String.format(Locale.ROOT, "%0" + digits + "d", feature);
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeInt(VERSION);
        StringBuilder h = new StringBuilder();
        h.append(modelId).append('\n').append(letter).append('\n').append(digits).append('\n').append(features()).append('\n')
                .append(patients.size()).append('\n');
        patients.forEach(p -> h.append(p).append('\n'));
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        d.writeInt(header.length);
        d.write(header);
        int n = patients.size();
        ByteBuffer column = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < features(); f++) {
            column.clear();
            for (float[] row : values) {
                column.putFloat(row[f]);
            }
            d.write(column.array(), 0, 4 * n);
        }
        d.flush();
    }

    public static FeatureFile read(InputStream in, String what) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            byte[] magic = d.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(what + " is not a SegSurv feature file");
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new IOException(what + ": feature file version " + version + " is not supported (expected " + VERSION + ")");
            }
            byte[] header = d.readNBytes(d.readInt());
            String[] lines = new String(header, StandardCharsets.UTF_8).split("\n");
            long modelId = Long.parseLong(lines[0]);
            char letter = lines[1].charAt(0);
            int digits = Integer.parseInt(lines[2]);
            int features = Integer.parseInt(lines[3]);
            int n = Integer.parseInt(lines[4]);
            List<String> patients = new ArrayList<>(List.of(lines).subList(5, 5 + n));
            float[][] values = new float[n][features];
            byte[] buf = new byte[4 * n];
            ByteBuffer column = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < features; f++) {
                d.readFully(buf);
                column.clear();
                for (int i = 0; i < n; i++) {
                    values[i][f] = column.getFloat();
                }
            }
            return new FeatureFile(modelId, letter, digits, patients, values);
        } catch (EOFException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(what + ": truncated or malformed feature file (" + e.getMessage() + ")", e);
        }
    }

    /** CSV for the statistics commands: {@code PatientID} then one column per feature, a row per patient. */
    public void writeCsv(Writer out) throws IOException {
        StringBuilder line = new StringBuilder("PatientID");
        for (int f = 0; f < features(); f++) {
            line.append(',').append(name(f));
        }
        out.write(line.append('\n').toString());
        for (int i = 0; i < patients.size(); i++) {
            line.setLength(0);
            line.append(patients.get(i));
            for (float v : values[i]) {
                line.append(',').append(v);
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CSV files written by src/test/resources/reference/evaluation/generate.R. */
final class Reference {
    private Reference() {
    }

    /** A CSV table as columns of strings. */
    record Table(List<String> header, List<String[]> rows) {
        double[] numbers(String column) {
            int c = header.indexOf(column);
            if (c < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + header);
            }
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = parse(rows.get(i)[c]);
            }
            return v;
        }

        int[] ints(String column) {
            double[] d = numbers(column);
            int[] v = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = (int) d[i];
            }
            return v;
        }

        String[] strings(String column) {
            int c = header.indexOf(column);
            return rows.stream().map(r -> r[c]).toArray(String[]::new);
        }

        Table where(String column, String value) {
            int c = header.indexOf(column);
            return new Table(header, rows.stream().filter(r -> r[c].equals(value)).toList());
        }
    }

    static double parse(String s) {
        return switch (s) {
            case "NA", "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    static Table table(String file) {
        String path = "/reference/evaluation/" + file;
        try (InputStream in = Reference.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            List<String> header = List.of(lines[0].split(","));
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split(",", -1));
                }
            }
            return new Table(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> values;

    /** A scalar from reference.csv. */
    static synchronized double value(String key) {
        if (values == null) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String[] r : table("reference.csv").rows()) {
                m.put(r[0], r[1]);
            }
            values = m;
        }
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no reference value " + key);
        }
        return parse(v);
    }
}

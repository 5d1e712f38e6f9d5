/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** CSV tables written by src/test/resources/reference/regression/generate.R (17 significant digits). */
record Reference(List<String> header, List<String[]> rows) {

    static Reference read(String file) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/regression/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing reference " + file + "; run generate.R");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            List<String[]> rows = new ArrayList<>();
            for (int k = 1; k < lines.length; k++) {
                if (!lines[k].isBlank()) {
                    rows.add(lines[k].split(","));
                }
            }
            return new Reference(Arrays.asList(lines[0].split(",")), rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int col(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return c;
    }

    double[] column(String name) {
        int c = col(name);
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[c])).toArray();
    }

    String string(int row, String name) {
        return rows.get(row)[col(name)];
    }

    double value(int row, String name) {
        return Double.parseDouble(string(row, name));
    }

    /** Columns whose names start with the prefix, as an n x p matrix. */
    double[][] matrix(List<String> names) {
        int[] cs = names.stream().mapToInt(this::col).toArray();
        double[][] m = new double[rows.size()][cs.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cs.length; j++) {
                m[i][j] = Double.parseDouble(rows.get(i)[cs[j]]);
            }
        }
        return m;
    }

    /** The shared data set: 96 rows, y, weights w, foldid and features f1..f40. */
    record Data(List<String> names, double[][] x, double[] y, double[] w, int[] foldId) {
        Data rows(int count) {
            return new Data(names, Arrays.copyOf(x, count), Arrays.copyOf(y, count), Arrays.copyOf(w, count),
                    Arrays.copyOf(foldId, count));
        }
    }

    static Data data() {
        Reference r = read("data.csv");
        List<String> names = r.header().stream().filter(h -> h.matches("f\\d+")).toList();
        return new Data(names, r.matrix(names), r.column("y"), r.column("w"),
                Arrays.stream(r.column("foldid")).mapToInt(d -> (int) d).toArray());
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Reads the outputs of src/test/resources/reference/kmedoids/generate.R (R 4.2.2, cluster 2.1.4). */
final class Reference {

    record Pam(int set, int k, int[] init, int[] medoids, double loss, double avgSilhouette) {
    }

    record Clustering(int set, int k, int feature, int cluster, double silWidth) {
    }

    private Reference() {
    }

    static List<String[]> csv(String name) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Reference.class.getResourceAsStream("/reference/kmedoids/" + name), name),
                StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeatureMatrix data(int set) {
        List<String[]> rows = csv("data_" + set + ".csv");
        List<String> names = Arrays.asList(rows.get(0));
        double[][] x = new double[rows.size() - 1][];
        for (int i = 1; i < rows.size(); i++) {
            x[i - 1] = Arrays.stream(rows.get(i)).mapToDouble(Double::parseDouble).toArray();
        }
        return FeatureMatrix.ofRows(x, names);
    }

    /** 0-based indices from R's space-separated 1-based list. */
    private static int[] indices(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToInt(t -> Integer.parseInt(t) - 1).toArray();
    }

    static List<Pam> pam() {
        List<String[]> rows = csv("pam.csv");
        List<Pam> out = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            out.add(new Pam(Integer.parseInt(r[0]), Integer.parseInt(r[1]), indices(r[2]), indices(r[3]),
                    Double.parseDouble(r[4]), Double.parseDouble(r[6])));
        }
        return out;
    }

    static List<Clustering> clustering(int set, int k) {
        List<String[]> rows = csv("clustering.csv");
        List<Clustering> out = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            if (Integer.parseInt(r[0]) == set && Integer.parseInt(r[1]) == k) {
                out.add(new Clustering(set, k, Integer.parseInt(r[2]) - 1, Integer.parseInt(r[3]) - 1,
                        Double.parseDouble(r[5])));
            }
        }
        return out;
    }
}

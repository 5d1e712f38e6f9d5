/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A patients x features table whose FEATURES are the objects to cluster (Baek et al. 2019): each
 * feature is a vector over the training patients. Values are stored feature-major (one contiguous
 * run of {@code patients} values per feature); column names are kept. Immutable.
 */
public final class FeatureMatrix {

    private final int patients;
    private final int features;
    private final double[] values; // feature j occupies [j * patients, (j + 1) * patients)
    private final List<String> names;

    private FeatureMatrix(int patients, int features, double[] values, List<String> names) {
        this.patients = patients;
        this.features = features;
        this.values = values;
        this.names = names;
    }

    /** From rows = patients, columns = features. Rejects NaN or infinite values, naming the column. */
    public static FeatureMatrix ofRows(double[][] rows, List<String> names) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("feature matrix has no patients");
        }
        int p = rows[0].length;
        double[] v = new double[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != p) {
                throw new IllegalArgumentException("patient row " + i + " has " + rows[i].length + " values, expected " + p);
            }
            for (int j = 0; j < p; j++) {
                v[j * rows.length + i] = rows[i][j];
            }
        }
        return of(rows.length, p, v, names);
    }

    /** From feature-major values: feature j's value for patient i at {@code values[j * patients + i]}. */
    public static FeatureMatrix ofFeatureMajor(int patients, double[] values, List<String> names) {
        if (patients < 1 || values.length % patients != 0) {
            throw new IllegalArgumentException("values length " + values.length + " is not a multiple of patients = " + patients);
        }
        return of(patients, values.length / patients, values.clone(), names);
    }

    private static FeatureMatrix of(int n, int p, double[] v, List<String> names) {
        if (p < 1) {
            throw new IllegalArgumentException("feature matrix has no features");
        }
        if (names.size() != p) {
            throw new IllegalArgumentException("names has " + names.size() + " entries but the matrix has " + p + " features");
        }
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                double x = v[j * n + i];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("feature '" + names.get(j) + "' (column " + j + ") has value " + x
                            + " for patient row " + i + "; NaN and infinite values are not allowed");
                }
            }
        }
        return new FeatureMatrix(n, p, v, List.copyOf(names));
    }

    public int patients() {
        return patients;
    }

    public int features() {
        return features;
    }

    public List<String> names() {
        return names;
    }

    public String name(int feature) {
        return names.get(feature);
    }

    public double get(int patient, int feature) {
        return values[feature * patients + patient];
    }

    /**
     * Preparation used per cross-validation fold: drops zero-variance features, centres each
     * feature and scales it to unit Euclidean norm (so that {@code 1 - R(u, v) = 1 - u.v =
     * ||u - v||^2 / 2}), and merges bitwise-identical prepared vectors into one weighted object.
     */
    public PreparedFeatures prepare() {
        int n = patients;
        List<String> dropped = new ArrayList<>();
        double[] unitFeatureMajor = new double[features * n];
        boolean[] kept = new boolean[features];
        for (int j = 0; j < features; j++) {
            int off = j * n;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += values[off + i];
            }
            mean /= n;
            double ss = 0;
            boolean constant = true;
            for (int i = 0; i < n; i++) {
                double c = values[off + i] - mean;
                unitFeatureMajor[off + i] = c;
                ss += c * c;
                constant &= values[off + i] == values[off];
            }
            if (constant || ss == 0) {
                dropped.add(names.get(j));
                continue;
            }
            double inv = 1 / Math.sqrt(ss);
            for (int i = 0; i < n; i++) {
                unitFeatureMajor[off + i] *= inv;
            }
            kept[j] = true;
        }
        // merge bitwise-identical unit vectors; the first occurrence represents the group
        Map<Key, Integer> seen = new HashMap<>();
        int[] objectOf = new int[features];
        Arrays.fill(objectOf, -1);
        List<Integer> reps = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            if (!kept[j]) {
                continue;
            }
            Key key = new Key(unitFeatureMajor, j * n, n);
            Integer o = seen.get(key);
            if (o == null) {
                o = reps.size();
                seen.put(key, o);
                reps.add(j);
                members.add(new ArrayList<>(List.of(j)));
            } else {
                members.get(o).add(j);
            }
            objectOf[j] = o;
        }
        int size = reps.size();
        double[] unit = new double[n * size]; // patient-major: patient i occupies [i * size, (i + 1) * size)
        double[] weight = new double[size];
        int[] feature = new int[size];
        List<List<String>> groups = new ArrayList<>();
        for (int o = 0; o < size; o++) {
            int j = reps.get(o);
            feature[o] = j;
            weight[o] = members.get(o).size();
            for (int i = 0; i < n; i++) {
                unit[i * size + o] = unitFeatureMajor[j * n + i];
            }
            if (members.get(o).size() > 1) {
                groups.add(members.get(o).stream().map(names::get).toList());
            }
        }
        return new PreparedFeatures(this, n, size, unit, weight, feature, objectOf, dropped, groups);
    }

    private record Key(double[] a, int off, int len) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(a, off, off + len, k.a, k.off, k.off + k.len);
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (int i = off; i < off + len; i++) {
                long b = Double.doubleToLongBits(a[i]);
                h = 31 * h + (int) (b ^ (b >>> 32));
            }
            return h;
        }
    }
}

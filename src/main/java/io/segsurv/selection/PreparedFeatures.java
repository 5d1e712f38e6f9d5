/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.List;

/**
 * Features prepared for Pearson-distance clustering (see {@link FeatureMatrix#prepare()}): each
 * object is a centred unit-norm vector over the patients, weighted by the number of identical
 * features it stands for; {@code d(a, b) = 1 - u_a . u_b} in [0, 2]. The unit vectors are stored
 * patient-major ({@code objects} contiguous values per patient) so that the distances of one
 * vector to all objects are a sequence of contiguous, vectorisable axpy loops. Immutable.
 */
public final class PreparedFeatures {

    private final FeatureMatrix source;
    final int patients;
    final int objects;
    final double[] unit;
    final double[] weight;
    private final int[] feature;
    private final int[] objectOf;
    private final List<String> dropped;
    private final List<List<String>> duplicateGroups;
    private final double totalWeight;

    PreparedFeatures(FeatureMatrix source, int patients, int objects, double[] unit, double[] weight, int[] feature,
            int[] objectOf, List<String> dropped, List<List<String>> duplicateGroups) {
        this.source = source;
        this.patients = patients;
        this.objects = objects;
        this.unit = unit;
        this.weight = weight;
        this.feature = feature;
        this.objectOf = objectOf;
        this.dropped = List.copyOf(dropped);
        this.duplicateGroups = List.copyOf(duplicateGroups);
        double t = 0;
        for (double w : weight) {
            t += w;
        }
        this.totalWeight = t;
    }

    /** The given objects (in that order) as prepared data of their own, weights kept. */
    PreparedFeatures subset(int[] objects) {
        int m = objects.length;
        int n = patients;
        double[] u = new double[n * m];
        double[] w = new double[m];
        int[] f = new int[m];
        for (int j = 0; j < m; j++) {
            int o = objects[j];
            w[j] = weight[o];
            f[j] = feature[o];
            for (int i = 0; i < n; i++) {
                u[i * m + j] = unit[i * this.objects + o];
            }
        }
        return new PreparedFeatures(source, n, m, u, w, f, new int[0], List.of(), List.of());
    }

    public FeatureMatrix source() {
        return source;
    }

    public int patients() {
        return patients;
    }

    /** Number of distinct objects (kept features after merging duplicates). */
    public int objects() {
        return objects;
    }

    public double weight(int object) {
        return weight[object];
    }

    /** Sum of the weights = number of kept features. */
    public double totalWeight() {
        return totalWeight;
    }

    /** Original column of the feature representing {@code object}. */
    public int feature(int object) {
        return feature[object];
    }

    /** Object standing for original column {@code feature}, or -1 if it was dropped. */
    public int objectOf(int feature) {
        return objectOf[feature];
    }

    public String name(int object) {
        return source.name(feature[object]);
    }

    /** Names of the zero-variance features that were dropped. */
    public List<String> droppedZeroVariance() {
        return dropped;
    }

    /** Groups (two or more names each) of identical features merged into one weighted object. */
    public List<List<String>> duplicateGroups() {
        return duplicateGroups;
    }

    /** Number of features merged away (kept features minus objects). */
    public int mergedDuplicates() {
        return (int) Math.round(totalWeight) - objects;
    }

    /** The unit vector of {@code object} into {@code out[0, patients)}. */
    public void vector(int object, double[] out) {
        for (int i = 0; i < patients; i++) {
            out[i] = unit[i * objects + object];
        }
    }

    /** Pearson distance 1 - R between two objects. */
    public double distance(int a, int b) {
        double s = 0;
        for (int i = 0; i < patients; i++) {
            s += unit[i * objects + a] * unit[i * objects + b];
        }
        return 1 - s;
    }
}

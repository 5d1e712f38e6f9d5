/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;

/**
 * Silhouettes of a feature clustering under Pearson distance, weighted by object weight.
 *
 * <p>Exact silhouette (Rousseeuw 1987): {@code s_i = (b_i - a_i) / max(a_i, b_i)} with a_i the
 * mean distance to the other members of its cluster and b_i the smallest mean distance to another
 * cluster; 0 for singletons (as in R's {@code cluster::silhouette}). Because {@code d(x, y) = 1 - x.y}
 * for unit vectors, the sum of distances from x to a cluster C is {@code W_C - x . S_C} with S_C the
 * weighted sum of C's vectors: all a_i and b_i come from one N x k product, O(N k n) instead of the
 * usual O(N^2 n), so the exact silhouette is affordable for every k, not just a few finalists.
 *
 * <p>Medoid silhouette (Van der Laan, Pollard and Bryan 2003; Lenssen and Schubert 2022):
 * {@code s_i = 1 - d(i, nearest medoid) / d(i, second-nearest medoid)} (0 if both are 0).
 *
 * <p>References: P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20 (1987) 53-65; M. Van der Laan,
 * K. Pollard, J. Bryan, "A new partitioning around medoids algorithm", J. Stat. Comput. Simul. 73
 * (2003) 575-584; L. Lenssen, E. Schubert, "Clustering by direct optimization of the medoid
 * silhouette", SISAP 2022.
 */
public final class Silhouette {

    /**
     * @param average weighted mean silhouette over the kept features
     * @param perFeature silhouette of every original feature (NaN for dropped ones)
     */
    public record Widths(double average, double[] perFeature) {
        public Widths {
            perFeature = perFeature.clone();
        }

        @Override
        public double[] perFeature() {
            return perFeature.clone();
        }
    }

    private Silhouette() {
    }

    public static Widths medoid(PreparedFeatures data, KMedoidsResult result, int threads) {
        try (DistanceKernel kernel = new DistanceKernel(data, threads)) {
            return medoid(kernel, result);
        }
    }

    public static Widths exact(PreparedFeatures data, KMedoidsResult result, int threads) {
        try (DistanceKernel kernel = new DistanceKernel(data, threads)) {
            return exact(kernel, result);
        }
    }

    static Widths medoid(DistanceKernel kernel, KMedoidsResult result) {
        PreparedFeatures data = kernel.data();
        int k = result.k();
        int size = data.objects;
        double[][] d = new double[k][size];
        kernel.distancesOfObjects(result.medoidObjects(), 0, k, d);
        int[] assign = result.objectAssignment();
        double[] s = new double[size];
        for (int o = 0; o < size; o++) {
            double d1 = d[assign[o]][o];
            double d2 = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != assign[o]) {
                    d2 = Math.min(d2, d[c][o]);
                }
            }
            d1 = Math.max(0, d1);
            s[o] = d2 > 0 ? 1 - d1 / d2 : 0;
        }
        return widths(data, s);
    }

    /** The medoid silhouette from a clustering state's nearest and second-nearest distances (no distance work). */
    static Widths medoid(FasterPam.Instance state) {
        double[] s = new double[state.size];
        for (int o = 0; o < s.length; o++) {
            double d1 = Math.max(0, state.dn[o]);
            double d2 = state.ds[o];
            s[o] = d2 > 0 ? 1 - d1 / d2 : 0;
        }
        return widths(state.data, s);
    }

    static Widths exact(DistanceKernel kernel, KMedoidsResult result) {
        PreparedFeatures data = kernel.data();
        int k = result.k();
        int size = data.objects;
        int n = data.patients;
        int[] assign = result.objectAssignment();
        double[][] sums = new double[k][n];
        double[] w = new double[k];
        for (int o = 0; o < size; o++) {
            w[assign[o]] += data.weight[o];
        }
        for (int i = 0; i < n; i++) {
            int row = i * size;
            for (int o = 0; o < size; o++) {
                sums[assign[o]][i] += data.weight[o] * data.unit[row + o];
            }
        }
        double[][] dot = new double[k][size];
        kernel.products(sums, k, dot, false);
        double[] s = new double[size];
        for (int o = 0; o < size; o++) {
            int c = assign[o];
            if (w[c] <= 1) {
                s[o] = 0;
                continue;
            }
            double a = (w[c] - dot[c][o]) / (w[c] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c2 = 0; c2 < k; c2++) {
                if (c2 != c && w[c2] > 0) {
                    b = Math.min(b, (w[c2] - dot[c2][o]) / w[c2]);
                }
            }
            double m = Math.max(a, b);
            s[o] = m > 0 ? (b - a) / m : 0;
        }
        return widths(data, s);
    }

    private static Widths widths(PreparedFeatures data, double[] s) {
        double sum = 0;
        for (int o = 0; o < s.length; o++) {
            sum += data.weight[o] * s[o];
        }
        int p = data.source().features();
        double[] per = new double[p];
        Arrays.fill(per, Double.NaN);
        for (int j = 0; j < p; j++) {
            int o = data.objectOf(j);
            if (o >= 0) {
                per[j] = s[o];
            }
        }
        return new Widths(sum / data.totalWeight(), per);
    }
}

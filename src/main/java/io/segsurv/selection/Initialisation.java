/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting medoids: given, uniformly random (seeded), or k-means++-style seeding on the Pearson
 * distance (Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007),
 * weighted by object weight.
 */
final class Initialisation {

    private Initialisation() {
    }

    static void checkK(PreparedFeatures data, int k) {
        if (k > data.objects()) {
            throw new IllegalArgumentException("k = " + k + " exceeds the number of distinct features to cluster ("
                    + data.objects() + " after dropping " + data.droppedZeroVariance().size()
                    + " zero-variance and merging " + data.mergedDuplicates() + " duplicate features)");
        }
    }

    /** Maps original column indices to objects; rejects dropped or duplicate columns. */
    static int[] given(PreparedFeatures data, int[] features) {
        int[] m = new int[features.length];
        for (int i = 0; i < m.length; i++) {
            int j = features[i];
            if (j < 0 || j >= data.source().features()) {
                throw new IllegalArgumentException("initial medoid " + j + " is not a feature index");
            }
            m[i] = data.objectOf(j);
            if (m[i] < 0) {
                throw new IllegalArgumentException("initial medoid " + data.source().name(j) + " was dropped (zero variance)");
            }
        }
        if (Arrays.stream(m).distinct().count() != m.length) {
            throw new IllegalArgumentException("initial medoids contain identical features: " + Arrays.toString(features));
        }
        return m;
    }

    /** k distinct objects drawn uniformly (partial Fisher-Yates on a sparse map). */
    static int[] random(PreparedFeatures data, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = data.objects();
        java.util.HashMap<Integer, Integer> swapped = new java.util.HashMap<>();
        int[] m = new int[k];
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int vj = swapped.getOrDefault(j, j);
            int vi = swapped.getOrDefault(i, i);
            swapped.put(j, vi);
            m[i] = vj;
        }
        return m;
    }

    /** Weighted D^2 seeding: each next medoid drawn with probability proportional to weight x distance^2. */
    static int[] plusPlus(DistanceKernel kernel, int k, long seed) {
        PreparedFeatures data = kernel.data();
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = data.objects();
        int[] m = new int[k];
        double[] pick = new double[n];
        double total = 0;
        for (int o = 0; o < n; o++) {
            total += data.weight[o];
            pick[o] = total;
        }
        m[0] = choose(pick, total * rnd.nextDouble());
        double[] best = new double[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        double[][] row = new double[1][n];
        for (int c = 1; c < k; c++) {
            kernel.distancesOfObjects(m, c - 1, 1, row);
            total = 0;
            for (int o = 0; o < n; o++) {
                best[o] = Math.min(best[o], Math.max(0, row[0][o]));
                total += data.weight[o] * best[o] * best[o];
                pick[o] = total;
            }
            int next = total > 0 ? choose(pick, total * rnd.nextDouble()) : -1;
            for (int j = 0; j < c && next >= 0; j++) {
                if (m[j] == next) {
                    next = -1;
                }
            }
            if (next < 0) { // degenerate: fall back to the first object not chosen
                next = 0;
                while (contains(m, c, next)) {
                    next++;
                }
            }
            m[c] = next;
        }
        return m;
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    private static int choose(double[] cumulative, double r) {
        int i = Arrays.binarySearch(cumulative, r);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }
}

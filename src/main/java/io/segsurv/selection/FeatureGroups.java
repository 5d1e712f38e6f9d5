/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;

/**
 * A fine partition of the prepared features into groups (spherical k-means, Dhillon and Modha 2001),
 * built once per training set and shared by every k and every restart of {@link GroupedMedoids}.
 *
 * <p>Because the Pearson distance of unit vectors is linear, {@code d(x, u) = 1 - x . u}, the total
 * cost of assigning all members of group g to any feature u is exact from two numbers per group:
 * {@code W_g - S_g . u}, with {@code W_g} the group's weight and {@code S_g} its weighted sum. The
 * candidate medoids are the best few members of each group (largest dot product with the group
 * sum: the exact medoid of the group is the first of them), and the candidates x groups cost matrix
 * is formed once: a k-medoids run on it costs O(candidates x groups) per pass, independent of the
 * number of features.
 */
final class FeatureGroups {

    final PreparedFeatures data;
    /** Number of non-empty groups. */
    final int groups;
    /** Group of every prepared object. */
    final int[] groupOf;
    final double[] weight;
    final double[][] sum;
    /** Candidate medoids as prepared objects. */
    final int[] candidates;
    /** For every group, the index (into {@link #candidates}) of its best member. */
    final int[] representative;
    /** {@code cost[c][g] = W_g - S_g . u_{candidates[c]}}. */
    final double[][] cost;


    private FeatureGroups(PreparedFeatures data, int[] groupOf, int groups, double[] weight, double[][] sum,
            int[] candidates, int[] representative, double[][] cost) {
        this.data = data;
        this.groupOf = groupOf;
        this.groups = groups;
        this.weight = weight;
        this.sum = sum;
        this.candidates = candidates;
        this.representative = representative;
        this.cost = cost;
    }

    /**
     * @param target number of groups (at most the number of objects; with as many groups as objects
     *     every object is its own group and k-medoids on the groups is exact)
     * @param lloydSteps spherical k-means refinements of the seeded random centres
     * @param perGroup candidates taken from every group
     */
    static FeatureGroups build(DistanceKernel kernel, int target, int lloydSteps, int perGroup, long seed) {
        PreparedFeatures data = kernel.data();
        int size = data.objects;
        int n = data.patients;
        int[] groupOf = new int[size];
        int g0;
        if (target >= size) {
            Arrays.setAll(groupOf, o -> o);
            g0 = size;
        } else {
            // two levels: ~sqrt(target/2) coarse clusters, each split in proportion to its size
            int coarse = (int) Math.max(1, Math.min(target, Math.round(Math.sqrt(target / 2.0))));
            int[] coarseOf = sphericalKMeans(kernel, coarse, lloydSteps, seed);
            int[] count = new int[coarse];
            for (int q : coarseOf) {
                count[q]++;
            }
            int[][] members = new int[coarse][];
            for (int q = 0; q < coarse; q++) {
                members[q] = new int[count[q]];
                count[q] = 0;
            }
            for (int o = 0; o < size; o++) {
                members[coarseOf[o]][count[coarseOf[o]]++] = o;
            }
            int next = 0;
            for (int q = 0; q < coarse; q++) {
                int m = members[q].length;
                if (m == 0) {
                    continue;
                }
                int fine = (int) Math.max(1, Math.min(m, Math.round((double) target * m / size)));
                int[] local;
                if (fine == 1) {
                    local = new int[m];
                } else {
                    try (DistanceKernel sub = new DistanceKernel(data.subset(members[q]), kernel)) {
                        local = sphericalKMeans(sub, fine, lloydSteps, seed ^ (0x9E3779B97F4A7C15L * (q + 1)));
                    }
                }
                // renumber the non-empty fine groups of this coarse cluster consecutively
                int[] remap = new int[fine];
                Arrays.fill(remap, -1);
                for (int i = 0; i < m; i++) {
                    if (remap[local[i]] < 0) {
                        remap[local[i]] = next++;
                    }
                    groupOf[members[q][i]] = remap[local[i]];
                }
            }
            g0 = next;
        }
        final int groups = g0;
        double[][] sum = new double[groups][n];
        double[] weight = new double[groups];
        AlternatingMedoids.clusterSums(data, groupOf, sum);
        for (int o = 0; o < size; o++) {
            weight[groupOf[o]] += data.weight[o];
        }
        // own[o] = u_o . S_{g(o)}: the best members of a group have the largest
        double[] own = new double[size];
        for (int i = 0; i < n; i++) {
            int row = i * size;
            for (int o = 0; o < size; o++) {
                own[o] += data.unit[row + o] * sum[groupOf[o]][i];
            }
        }
        int[][] top = AlternatingMedoids.topMembers(groupOf, groups, own, Math.max(1, perGroup), null);
        int total = 0;
        for (int[] t : top) {
            total += t.length;
        }
        int[] candidates = new int[total];
        int[] representative = new int[groups];
        for (int g = 0, c = 0; g < groups; g++) {
            representative[g] = c;
            for (int o : top[g]) {
                candidates[c++] = o;
            }
        }
        double[][] cost = new double[total][];
        FeatureGroups fg = new FeatureGroups(data, groupOf, groups, weight, sum, candidates, representative, cost);
        kernel.forEach(0, total, c -> cost[c] = fg.column(candidates[c]));
        return fg;
    }

    /**
     * Spherical k-means (Dhillon and Modha 2001) from {@code count} seeded random objects:
     * {@code steps} updates of the centres to the normalised cluster sums; returns the final
     * assignment (some clusters may be empty).
     */
    static int[] sphericalKMeans(DistanceKernel kernel, int count, int steps, long seed) {
        PreparedFeatures data = kernel.data();
        int n = data.patients;
        int[] seeds = Initialisation.random(data, count, seed);
        Arrays.sort(seeds);
        double[][] centres = new double[count][n];
        for (int c = 0; c < count; c++) {
            data.vector(seeds[c], centres[c]);
        }
        int[] assignment = new int[data.objects];
        double[] best = new double[data.objects];
        for (int step = 0; ; step++) {
            kernel.nearestCentres(centres, count, assignment, best);
            if (step == steps) {
                return assignment;
            }
            double[][] sums = new double[count][n];
            AlternatingMedoids.clusterSums(data, assignment, sums);
            for (int c = 0; c < count; c++) {
                double norm = 0;
                for (double x : sums[c]) {
                    norm += x * x;
                }
                if (norm > 0) { // empty clusters keep their centre
                    norm = Math.sqrt(norm);
                    for (int i = 0; i < n; i++) {
                        centres[c][i] = sums[c][i] / norm;
                    }
                }
            }
        }
    }

    /** The cost of every group for object o as medoid: {@code W_g - S_g . u_o}. */
    double[] column(int o) {
        int n = data.patients;
        double[] u = new double[n];
        data.vector(o, u);
        double[] col = new double[groups];
        for (int g = 0; g < groups; g++) {
            double[] sg = sum[g];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                a0 += sg[i] * u[i];
                a1 += sg[i + 1] * u[i + 1];
                a2 += sg[i + 2] * u[i + 2];
                a3 += sg[i + 3] * u[i + 3];
            }
            for (; i < n; i++) {
                a0 += sg[i] * u[i];
            }
            col[g] = weight[g] - ((a0 + a1) + (a2 + a3));
        }
        return col;
    }

    /**
     * Screening for swaps on all features: the group-level loss change of swapping each candidate
     * into the given medoids (objects), and the {@code top} candidates with the largest estimated
     * improvement (none that would not improve).
     */
    int[] screen(int[] medoidObjects, int top, DistanceKernel kernel) {
        int k = medoidObjects.length;
        int c0 = candidates.length;
        double[][] all = Arrays.copyOf(cost, c0 + k);
        int[] start = new int[k];
        for (int m = 0; m < k; m++) {
            all[c0 + m] = column(medoidObjects[m]);
            start[m] = c0 + m;
        }
        boolean[] medoid = new boolean[data.objects];
        for (int m : medoidObjects) {
            medoid[m] = true;
        }
        CostMatrixPam state = new CostMatrixPam(all, start);
        double[] change = new double[c0];
        for (int c = 0; c < c0; c++) {
            change[c] = medoid[candidates[c]] ? 0 : state.evaluate(c);
        }
        Integer[] order = new Integer[c0];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(change[a], change[b]));
        int[] out = new int[Math.min(top, c0)];
        int len = 0;
        for (int i = 0; i < out.length && change[order[i]] < 0; i++) {
            out[len++] = candidates[order[i]];
        }
        Arrays.sort(out, 0, len);
        return Arrays.copyOf(out, len);
    }

    /** The group-level clustering's medoids as prepared objects. */
    int[] objects(int[] candidateMedoids) {
        int[] m = new int[candidateMedoids.length];
        for (int c = 0; c < m.length; c++) {
            m[c] = candidates[candidateMedoids[c]];
        }
        return m;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Eager FasterPAM (Schubert and Rousseeuw 2021) on an explicit, possibly asymmetric cost matrix:
 * points g (here: groups of features) are assigned to medoids chosen among candidates c, at cost
 * {@code cost[c][g]} (already weighted). The loss is {@code sum_g min_{m in medoids} cost[m][g]}.
 * Each candidate's column is contiguous, so evaluating a swap streams one array. Used by
 * {@link GroupedMedoids} on the group level, where the cost of a group is exact for any medoid.
 */
final class CostMatrixPam {

    private final double[][] cost;
    private final int points;
    private final int candidates;
    final int k;
    final int[] medoids;
    private final boolean[] isMedoid;
    private final int[] nearest;
    private final double[] dn;
    private final double[] ds;
    private final double[] removal;
    private final double[] delta;
    long swaps;
    int passes;

    /**
     * @param cost per candidate, its cost for every point ({@code cost[c].length} = points)
     * @param start k distinct candidate indices
     */
    CostMatrixPam(double[][] cost, int[] start) {
        this.cost = cost;
        this.candidates = cost.length;
        this.points = cost[0].length;
        this.k = start.length;
        this.medoids = start.clone();
        this.isMedoid = new boolean[candidates];
        for (int m : medoids) {
            if (isMedoid[m]) {
                throw new IllegalArgumentException("initial medoids must be distinct, candidate " + m + " repeats");
            }
            isMedoid[m] = true;
        }
        this.nearest = new int[points];
        this.dn = new double[points];
        this.ds = new double[points];
        this.removal = new double[k];
        this.delta = new double[k];
        assign();
    }

    /**
     * Seeded D1 start: the first medoid is the first candidate of a point drawn with probability
     * proportional to {@code pointWeight}, each next one that of a point drawn with probability
     * proportional to its current cost (k-means++-style, Arthur and Vassilvitskii 2007).
     *
     * @param candidateOf a candidate index for every point (its own representative)
     */
    static int[] seed(double[][] cost, double[] pointWeight, int[] candidateOf, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int points = pointWeight.length;
        int[] m = new int[k];
        boolean[] taken = new boolean[cost.length];
        double[] cur = new double[points];
        Arrays.fill(cur, Double.POSITIVE_INFINITY);
        double[] draw = pointWeight.clone();
        for (int c = 0; c < k; c++) {
            double total = 0;
            for (double d : draw) {
                total += d;
            }
            int pick = -1;
            if (total > 0) {
                double r = rnd.nextDouble() * total;
                for (int g = 0; g < points && pick < 0; g++) {
                    r -= draw[g];
                    if (r < 0 && !taken[candidateOf[g]]) {
                        pick = candidateOf[g];
                    }
                }
            }
            for (int j = 0; pick < 0 && j < taken.length; j++) { // degenerate: first candidate not taken
                if (!taken[j]) {
                    pick = j;
                }
            }
            m[c] = pick;
            taken[pick] = true;
            double[] col = cost[pick];
            for (int g = 0; g < points; g++) {
                cur[g] = Math.min(cur[g], Math.max(0, col[g]));
                draw[g] = cur[g];
            }
        }
        return m;
    }

    private void assign() {
        Arrays.fill(removal, 0);
        for (int g = 0; g < points; g++) {
            int best = 0;
            double d1 = cost[medoids[0]][g];
            double d2 = Double.POSITIVE_INFINITY;
            for (int c = 1; c < k; c++) {
                double d = cost[medoids[c]][g];
                if (d < d1) {
                    d2 = d1;
                    d1 = d;
                    best = c;
                } else if (d < d2) {
                    d2 = d;
                }
            }
            nearest[g] = best;
            dn[g] = d1;
            ds[g] = d2;
            removal[best] += d2 - d1;
        }
    }

    double loss() {
        double s = 0;
        for (int g = 0; g < points; g++) {
            s += dn[g];
        }
        return s;
    }

    private int bestSlot;

    /**
     * Loss change of the best swap of candidate c with a medoid (FastPAM1 evaluation, state
     * unchanged); the medoid slot is left in {@code bestSlot}.
     */
    double evaluate(int c) {
        double[] col = cost[c];
        System.arraycopy(removal, 0, delta, 0, k);
        double acc = 0;
        for (int g = 0; g < points; g++) {
            double d = col[g];
            double d1 = dn[g];
            if (d < d1) {
                acc += d - d1;
                delta[nearest[g]] += d1 - ds[g];
            } else if (d < ds[g]) {
                delta[nearest[g]] += d - ds[g];
            }
        }
        int slot = 0;
        for (int i = 1; i < k; i++) {
            if (delta[i] < delta[slot]) {
                slot = i;
            }
        }
        bestSlot = slot;
        return acc + delta[slot];
    }

    boolean isMedoid(int c) {
        return isMedoid[c];
    }

    /** Eager swap passes over all candidates until one full round without a swap; returns the swaps. */
    long run(int maxPasses) {
        int last = -1;
        long before = swaps;
        for (int pass = 0; pass < maxPasses; pass++) {
            passes++;
            for (int c = 0; c < candidates; c++) {
                if (c == last) {
                    return swaps - before;
                }
                if (isMedoid[c]) {
                    continue;
                }
                double change = evaluate(c);
                int slot = bestSlot;
                if (change < -1e-12) {
                    isMedoid[medoids[slot]] = false;
                    medoids[slot] = c;
                    isMedoid[c] = true;
                    swaps++;
                    assign();
                    last = c;
                }
            }
            if (last < 0) {
                break;
            }
        }
        return swaps - before;
    }
}

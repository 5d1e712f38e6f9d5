/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import java.util.Arrays;

/**
 * Scores split by class, oriented so that higher means "more positive" (scores are negated for
 * {@link Direction#LOWER_IS_POSITIVE}; negation is exact).
 */
record BinaryOutcome(double[] positives, double[] negatives) {

    static BinaryOutcome of(double[] scores, int[] labels, int positiveLabel, Direction direction) {
        Checks.finite(scores, "scores");
        Checks.notNull(labels, "labels");
        Checks.notNull(direction, "direction");
        Checks.sameLength("scores", scores.length, "labels", labels.length);
        int p = 0;
        Integer negativeLabel = null;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == positiveLabel) {
                p++;
            } else if (negativeLabel == null) {
                negativeLabel = labels[i];
            } else if (labels[i] != negativeLabel) {
                throw new IllegalArgumentException("labels must take two values (positive " + positiveLabel
                        + " and one negative), found " + negativeLabel + " and " + labels[i] + " besides the positive");
            }
        }
        int n = labels.length - p;
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("both classes are needed: " + p + " positive (label " + positiveLabel
                    + ") and " + n + " negative observations");
        }
        double sign = direction == Direction.HIGHER_IS_POSITIVE ? 1 : -1;
        double[] pos = new double[p];
        double[] neg = new double[n];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == positiveLabel) {
                pos[ip++] = sign * scores[i];
            } else {
                neg[in++] = sign * scores[i];
            }
        }
        return new BinaryOutcome(pos, neg);
    }

    /** Mid-ranks (1-based, ties get the mean of their ranks) of v, in O(n log n). */
    static double[] midRanks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mid = 0.5 * (i + j) + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mid;
            }
            i = j + 1;
        }
        return rank;
    }
}

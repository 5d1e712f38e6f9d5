/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Empirical ROC curve and its area.
 *
 * <p>Thresholds are, as in pROC, -/+ infinity and the midpoints between consecutive distinct scores;
 * an observation is predicted positive when its score is at or above the threshold
 * ({@link Direction#HIGHER_IS_POSITIVE}) or at or below it ({@link Direction#LOWER_IS_POSITIVE}).
 * Points are ordered from "everything positive" (sensitivity 1) to "nothing positive"
 * (specificity 1), i.e. the order of pROC's {@code coords(roc, "all")}.
 *
 * <p>AUC is the Mann-Whitney statistic: the proportion of (positive, negative) pairs in which the
 * positive scores higher, ties counted 1/2 (Hanley &amp; McNeil, Radiology 143:29-36, 1982). In the
 * paper (Baek et al. 2019) the positive class is death: sensitivity is the share of deaths
 * correctly predicted.
 *
 * @param points ROC points, sensitivity non-increasing
 * @param auc area under the curve
 * @param positives number of positive observations
 * @param negatives number of negative observations
 * @param direction score orientation used
 */
public record Roc(List<RocPoint> points, double auc, int positives, int negatives, Direction direction) {

    public Roc {
        points = List.copyOf(points);
    }

    /**
     * One point of the curve.
     *
     * @param threshold score threshold
     * @param sensitivity true positive rate
     * @param specificity true negative rate
     */
    public record RocPoint(double threshold, double sensitivity, double specificity) {
        /** Youden's J = sensitivity + specificity - 1. */
        public double youden() {
            return sensitivity + specificity - 1;
        }
    }

    /**
     * Computes the ROC curve.
     *
     * @param scores one finite score per observation
     * @param labels class labels: {@code positiveLabel} and exactly one other value
     * @param positiveLabel label of the positive class (death in the paper)
     * @param direction which end of the score scale is positive
     */
    public static Roc compute(double[] scores, int[] labels, int positiveLabel, Direction direction) {
        BinaryOutcome o = BinaryOutcome.of(scores, labels, positiveLabel, direction);
        double auc = mannWhitneyAuc(o);
        // + 0.0 maps -0.0 to 0.0, so that the two zeros are one distinct score
        double[] distinct = Arrays.stream(scores).map(v -> v + 0.0).distinct().sorted().toArray();
        int k = distinct.length;
        double[] thresholds = new double[k + 1];
        thresholds[0] = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < k; i++) {
            thresholds[i] = (distinct[i - 1] + distinct[i]) / 2;
        }
        thresholds[k] = Double.POSITIVE_INFINITY;
        double[] pos = o.positives().clone();
        double[] neg = o.negatives().clone();
        Arrays.sort(pos);
        Arrays.sort(neg);
        List<RocPoint> points = new ArrayList<>(k + 1);
        for (int i = 0; i <= k; i++) {
            // walk from "all positive" to "none positive"
            double t = direction == Direction.HIGHER_IS_POSITIVE ? thresholds[i] : thresholds[k - i];
            double oriented = direction == Direction.HIGHER_IS_POSITIVE ? t : -t;
            // oriented scores: predicted positive iff oriented score >= oriented threshold
            int tp = pos.length - lowerBound(pos, oriented);
            int tn = lowerBound(neg, oriented);
            points.add(new RocPoint(t, (double) tp / pos.length, (double) tn / neg.length));
        }
        return new Roc(points, auc, pos.length, neg.length, direction);
    }

    /** Number of elements of sorted a strictly below x. */
    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** AUC from mid-ranks of the pooled oriented scores (Mann-Whitney U / (m n)). */
    static double mannWhitneyAuc(BinaryOutcome o) {
        int m = o.positives().length;
        int n = o.negatives().length;
        double[] all = new double[m + n];
        System.arraycopy(o.positives(), 0, all, 0, m);
        System.arraycopy(o.negatives(), 0, all, m, n);
        double[] r = BinaryOutcome.midRanks(all);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += r[i];
        }
        return (sum - m * (m + 1.0) / 2) / ((double) m * n);
    }

    /**
     * The points maximising Youden's J = sensitivity + specificity - 1 (pROC
     * {@code coords(roc, "best", best.method = "youden")}); all of them if several tie, in curve order.
     */
    public List<RocPoint> youdenOptimal() {
        double best = Double.NEGATIVE_INFINITY;
        for (RocPoint p : points) {
            best = Math.max(best, p.sensitivity() + p.specificity());
        }
        List<RocPoint> out = new ArrayList<>();
        for (RocPoint p : points) {
            if (p.sensitivity() + p.specificity() == best) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}

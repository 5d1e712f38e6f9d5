/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/**
 * Confusion matrix of a binary classification at one score threshold, with the metrics of Baek et
 * al. 2019 (accuracy; sensitivity = deaths correctly predicted; specificity = survivors correctly
 * predicted) when death is the positive class.
 *
 * @param threshold the score threshold
 * @param truePositives positives predicted positive
 * @param falsePositives negatives predicted positive
 * @param trueNegatives negatives predicted negative
 * @param falseNegatives positives predicted negative
 */
public record ConfusionMetrics(double threshold, int truePositives, int falsePositives, int trueNegatives,
        int falseNegatives) {

    /**
     * Classifies at a threshold: predicted positive when score &gt;= threshold
     * ({@link Direction#HIGHER_IS_POSITIVE}) or score &lt;= threshold ({@link Direction#LOWER_IS_POSITIVE}).
     *
     * @param positiveLabel label of the positive class (death in the paper)
     */
    public static ConfusionMetrics compute(double[] scores, int[] labels, int positiveLabel, Direction direction,
            double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        BinaryOutcome o = BinaryOutcome.of(scores, labels, positiveLabel, direction);
        double t = direction == Direction.HIGHER_IS_POSITIVE ? threshold : -threshold;
        int tp = 0;
        for (double s : o.positives()) {
            if (s >= t) {
                tp++;
            }
        }
        int fp = 0;
        for (double s : o.negatives()) {
            if (s >= t) {
                fp++;
            }
        }
        return new ConfusionMetrics(threshold, tp, fp, o.negatives().length - fp, o.positives().length - tp);
    }

    /** (TP + TN) / N. */
    public double accuracy() {
        return (double) (truePositives + trueNegatives)
                / (truePositives + trueNegatives + falsePositives + falseNegatives);
    }

    /** TP / (TP + FN): share of positives (deaths) correctly predicted. */
    public double sensitivity() {
        return (double) truePositives / (truePositives + falseNegatives);
    }

    /** TN / (TN + FP): share of negatives (survivors) correctly predicted. */
    public double specificity() {
        return (double) trueNegatives / (trueNegatives + falsePositives);
    }
}

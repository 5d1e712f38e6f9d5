/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/**
 * Mean and 95% interval of a metric across cross-validation folds, as reported by Baek et al. 2019
 * ("Deep segmentation networks predict survival of non-small cell lung cancer", Sci Rep 9:17286):
 *
 * <pre>  mean -/+ t_{(1+level)/2, K-1} * SD / sqrt(K)</pre>
 *
 * with K folds, SD the sample standard deviation (denominator K - 1) and t the Student t quantile
 * with K - 1 degrees of freedom. Folds are not independent (they share training data), so this is
 * the paper's descriptive interval, not an exact confidence interval.
 *
 * @param folds K
 * @param mean mean across folds
 * @param standardDeviation sample SD (K - 1)
 * @param tQuantile t_{(1+level)/2, K-1}
 * @param lower mean - tQuantile * SD / sqrt(K)
 * @param upper mean + tQuantile * SD / sqrt(K)
 * @param confidenceLevel level, 0.95 by default
 */
public record FoldSummary(int folds, double mean, double standardDeviation, double tQuantile, double lower,
        double upper, double confidenceLevel) {

    /** 95% interval. */
    public static FoldSummary compute(double[] values) {
        return compute(values, 0.95);
    }

    /** Interval at the given level; needs at least 2 finite values. */
    public static FoldSummary compute(double[] values, double confidenceLevel) {
        Checks.finite(values, "values");
        Checks.confidenceLevel(confidenceLevel);
        int k = values.length;
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 fold values for an interval, got " + k);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= k;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (k - 1));
        double t = Distributions.studentTQuantile(0.5 + confidenceLevel / 2, k - 1);
        double half = t * sd / Math.sqrt(k);
        return new FoldSummary(k, mean, sd, t, mean - half, mean + half, confidenceLevel);
    }
}

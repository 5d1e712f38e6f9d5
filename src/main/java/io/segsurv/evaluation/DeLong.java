/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/**
 * DeLong variance of the AUC, its confidence interval, and the DeLong test between two correlated
 * AUCs measured on the same observations.
 *
 * <p>References: E. R. DeLong, D. M. DeLong, D. L. Clarke-Pearson, "Comparing the areas under two
 * or more correlated receiver operating characteristic curves: a nonparametric approach",
 * Biometrics 44:837-845, 1988. X. Sun, W. Xu, "Fast implementation of DeLong's algorithm for
 * comparing the areas under correlated receiver operating characteristic curves", IEEE Signal
 * Processing Letters 21(11):1389-1393, 2014 (the O(n log n) mid-rank computation used here).
 *
 * <p>With m positives X and n negatives Y, the structural components are V10(X_i) = (Tz_i -
 * Tx_i) / n and V01(Y_j) = 1 - (Tz_{m+j} - Ty_j) / m, where Tz, Tx, Ty are mid-ranks in the pooled
 * sample, among the positives and among the negatives. Var(AUC) = S10 / m + S01 / n with S10, S01
 * the sample (co)variances (denominator m - 1, n - 1) of the components. This is what pROC's
 * {@code var(roc, method = "delong")}, {@code ci.auc(method = "delong")} and
 * {@code roc.test(method = "delong")} compute.
 */
public final class DeLong {
    private DeLong() {
    }

    /**
     * AUC with DeLong variance and a normal confidence interval auc -/+ z_{(1+level)/2} sqrt(var),
     * clipped to [0, 1].
     */
    public record AucInterval(double auc, double variance, double lower, double upper, double confidenceLevel) {
        /** Standard error sqrt(variance). */
        public double standardError() {
            return Math.sqrt(variance);
        }
    }

    /**
     * Paired comparison of two AUCs: z = (auc1 - auc2) / sqrt(var1 + var2 - 2 cov), two-sided p.
     * When the denominator is 0 and the AUCs are equal, z = 0 and p = 1.
     */
    public record Comparison(double auc1, double auc2, double variance1, double variance2, double covariance,
            double z, double pValue) {
    }

    /** 95% DeLong interval; see {@link #compute(double[], int[], int, Direction, double)}. */
    public static AucInterval compute(double[] scores, int[] labels, int positiveLabel, Direction direction) {
        return compute(scores, labels, positiveLabel, direction, 0.95);
    }

    /**
     * DeLong variance and confidence interval of one AUC (pROC {@code ci.auc(roc, method = "delong")}).
     * Needs at least two positives and two negatives.
     */
    public static AucInterval compute(double[] scores, int[] labels, int positiveLabel, Direction direction,
            double confidenceLevel) {
        Checks.confidenceLevel(confidenceLevel);
        Components c = components(BinaryOutcome.of(scores, labels, positiveLabel, direction));
        double var = covariance(c, c);
        double z = Distributions.normalQuantile(0.5 + confidenceLevel / 2);
        double half = z * Math.sqrt(var);
        return new AucInterval(c.auc, var, Math.max(0, c.auc - half), Math.min(1, c.auc + half), confidenceLevel);
    }

    /**
     * DeLong test of two correlated AUCs on the same observations (pROC
     * {@code roc.test(r1, r2, method = "delong", paired = TRUE)}).
     */
    public static Comparison compare(double[] scores1, Direction direction1, double[] scores2, Direction direction2,
            int[] labels, int positiveLabel) {
        Checks.notNull(scores1, "scores1");
        Checks.notNull(scores2, "scores2");
        Checks.sameLength("scores1", scores1.length, "scores2", scores2.length);
        Components a = components(BinaryOutcome.of(scores1, labels, positiveLabel, direction1));
        Components b = components(BinaryOutcome.of(scores2, labels, positiveLabel, direction2));
        double v1 = covariance(a, a);
        double v2 = covariance(b, b);
        double cov = covariance(a, b);
        double diff = a.auc - b.auc;
        double denom = v1 + v2 - 2 * cov;
        double z;
        if (denom <= 0) {
            z = diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        } else {
            z = diff / Math.sqrt(denom);
        }
        double p = 2 * Distributions.normalUpperTail(Math.abs(z));
        return new Comparison(a.auc, b.auc, v1, v2, cov, z, Math.min(1, p));
    }

    private record Components(double auc, double[] v10, double[] v01) {
    }

    private static Components components(BinaryOutcome o) {
        int m = o.positives().length;
        int n = o.negatives().length;
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("DeLong variance needs at least 2 positive and 2 negative observations, got "
                    + m + " and " + n);
        }
        double[] z = new double[m + n];
        System.arraycopy(o.positives(), 0, z, 0, m);
        System.arraycopy(o.negatives(), 0, z, m, n);
        double[] tz = BinaryOutcome.midRanks(z);
        double[] tx = BinaryOutcome.midRanks(o.positives());
        double[] ty = BinaryOutcome.midRanks(o.negatives());
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            v10[i] = (tz[i] - tx[i]) / n;
            sum += tz[i];
        }
        for (int j = 0; j < n; j++) {
            v01[j] = 1 - (tz[m + j] - ty[j]) / m;
        }
        double auc = (sum - m * (m + 1.0) / 2) / ((double) m * n);
        return new Components(auc, v10, v01);
    }

    /** DeLong covariance S10/m + S01/n between two AUCs on the same observations. */
    private static double covariance(Components a, Components b) {
        return sampleCovariance(a.v10, b.v10) / a.v10.length + sampleCovariance(a.v01, b.v01) / a.v01.length;
    }

    private static double sampleCovariance(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation of a LASSO path as {@code cv.glmnet} does it: the path is fitted on all
 * rows; each fold is refitted on the other rows with its own computed path (or the user's lambda if
 * one was given) and predicts its held-out rows at the full-data lambdas by glmnet's linear
 * interpolation in lambda ({@link LassoPath#interpolate}, {@code alignment = "lambda"}). The per-observation loss is the squared error (gaussian) or the
 * binomial deviance {@code -2 [y log p + (1-y) log(1-p)]} with p clipped to [1e-5, 1 - 1e-5].
 * Losses are averaged within each fold (weighted), then {@code cvm} is the fold-weight mean and
 * {@code cvsd = sqrt(weighted mean of (fold mean - cvm)^2 / (K - 1))} ({@code grouped = TRUE}).
 * {@code lambdaMin} is the largest lambda attaining the minimal cvm; {@code lambda1se} the largest
 * lambda whose cvm is at most {@code cvm + cvsd} at lambdaMin.
 * <p>References: J. Friedman, T. Hastie, R. Tibshirani, "Regularization Paths for Generalized Linear
 * Models via Coordinate Descent", J Stat Softw 33(1), 2010 (Section 2.6, cross-validation and the
 * one-standard-error rule); T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical
 * Learning, 2nd ed., 2009, Section 7.10.
 */
public final class LassoCv {

    private static final double PROB_MIN = 1e-5;

    private LassoCv() {
    }

    /**
     * Options of a cross-validated LASSO.
     *
     * @param lasso  path options (family, nlambda, weights, thresh...), also used for each fold
     * @param nfolds number of folds when foldId is null (cv.glmnet: 10, at least 3)
     * @param foldId fold of each row, values 1..K (as cv.glmnet's foldid), or null for seeded random folds
     * @param seed   seed of the random fold assignment
     */
    public record Options(Lasso.Options lasso, int nfolds, int[] foldId, long seed) {

        public Options {
            if (lasso == null) {
                throw new IllegalArgumentException("lasso options must not be null");
            }
            if (foldId == null && nfolds < 3) {
                throw new IllegalArgumentException("nfolds = " + nfolds + " must be >= 3");
            }
            foldId = foldId == null ? null : foldId.clone();
        }

        /** 10 random folds with the given seed and glmnet's default path options. */
        public static Options of(Family family, long seed) {
            return new Options(Lasso.Options.of(family), 10, null, seed);
        }

        /** Given folds, as cv.glmnet's {@code foldid}. */
        public static Options withFolds(Lasso.Options lasso, int[] foldId) {
            if (foldId == null) {
                throw new IllegalArgumentException("foldId must not be null");
            }
            return new Options(lasso, Arrays.stream(foldId).max().orElse(0), foldId, 0);
        }

        @Override
        public int[] foldId() {
            return foldId == null ? null : foldId.clone();
        }
    }

    /**
     * Result of cross-validation.
     *
     * @param path      the path fitted on all rows
     * @param cvm       mean cross-validated loss per lambda of the path
     * @param cvsd      its standard error per lambda
     * @param lambdaMin lambda with the minimal cvm (largest one on ties)
     * @param lambda1se largest lambda with cvm within one standard error of the minimum
     * @param indexMin  path index of lambdaMin (0-based)
     * @param index1se  path index of lambda1se (0-based)
     * @param foldId    the folds used, values 1..K
     */
    public record Result(LassoPath path, double[] cvm, double[] cvsd, double lambdaMin, double lambda1se, int indexMin,
            int index1se, int[] foldId) {

        public Result {
            cvm = cvm.clone();
            cvsd = cvsd.clone();
            foldId = foldId.clone();
        }

        @Override
        public double[] cvm() {
            return cvm.clone();
        }

        @Override
        public double[] cvsd() {
            return cvsd.clone();
        }

        @Override
        public int[] foldId() {
            return foldId.clone();
        }

        /** The full-data fit at lambdaMin. */
        public LassoFit fitMin() {
            return path.at(indexMin);
        }

        /** The full-data fit at lambda1se. */
        public LassoFit fit1se() {
            return path.at(index1se);
        }
    }

    /** Cross-validates with features named V1..Vp. */
    public static Result fit(double[][] x, double[] y, Options options) {
        return fit(Checks.defaultNames(x), x, y, options);
    }

    /**
     * Cross-validates the LASSO path.
     *
     * @throws IllegalArgumentException on invalid input (also fewer rows than folds, a fold id out of
     *                                  1..K or an empty fold), naming the value
     */
    public static Result fit(List<String> names, double[][] x, double[] y, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (names == null) {
            throw new IllegalArgumentException("names must not be null");
        }
        Checks.data(x, y, names);
        int n = x.length;
        int[] fold = folds(n, options);
        int k = Arrays.stream(fold).max().orElse(0);
        Lasso.Options lo = options.lasso();
        double[] w = lo.weights();
        if (w == null) {
            w = new double[n];
            Arrays.fill(w, 1);
        } else if (w.length != n) {
            throw new IllegalArgumentException("weights has " + w.length + " values but x has " + n + " rows");
        }
        LassoPath full = Lasso.fit(names, x, y, lo);
        double[] lambda = full.lambda();
        int nl = lambda.length;
        double[][] foldLoss = new double[k][nl];
        double[] foldWeight = new double[k];
        for (int f = 1; f <= k; f++) {
            int nTest = 0;
            for (int v : fold) {
                nTest += v == f ? 1 : 0;
            }
            double[][] xTrain = new double[n - nTest][];
            double[] yTrain = new double[n - nTest];
            double[] wTrain = new double[n - nTest];
            double[][] xTest = new double[nTest][];
            int[] test = new int[nTest];
            for (int i = 0, a = 0, b = 0; i < n; i++) {
                if (fold[i] == f) {
                    xTest[b] = x[i];
                    test[b++] = i;
                } else {
                    xTrain[a] = x[i];
                    yTrain[a] = y[i];
                    wTrain[a++] = w[i];
                }
            }
            Lasso.Options fo = lo.withWeights(wTrain);
            LassoPath fp;
            try {
                fp = Lasso.fit(names, xTrain, yTrain, fo);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + f + ": " + e.getMessage(), e);
            }
            double sw = 0;
            for (int i : test) {
                sw += w[i];
            }
            foldWeight[f - 1] = sw;
            for (int l = 0; l < nl; l++) {
                double[] pred = fp.predictAt(lambda[l], xTest);
                double s = 0;
                for (int t = 0; t < nTest; t++) {
                    s += w[test[t]] * loss(lo.family(), y[test[t]], pred[t]);
                }
                foldLoss[f - 1][l] = s / sw;
            }
        }
        double wsum = Arrays.stream(foldWeight).sum();
        double[] cvm = new double[nl];
        double[] cvsd = new double[nl];
        for (int l = 0; l < nl; l++) {
            double m = 0;
            for (int f = 0; f < k; f++) {
                m += foldWeight[f] * foldLoss[f][l];
            }
            m /= wsum;
            double v = 0;
            for (int f = 0; f < k; f++) {
                double d = foldLoss[f][l] - m;
                v += foldWeight[f] * d * d;
            }
            cvm[l] = m;
            cvsd[l] = Math.sqrt(v / wsum / (k - 1));
        }
        int iMin = 0;
        for (int l = 1; l < nl; l++) {
            if (cvm[l] < cvm[iMin]) {
                iMin = l; // path is decreasing: the first minimum is the largest lambda
            }
        }
        double bound = cvm[iMin] + cvsd[iMin];
        int i1se = iMin;
        for (int l = 0; l < nl; l++) {
            if (cvm[l] <= bound) {
                i1se = l;
                break;
            }
        }
        return new Result(full, cvm, cvsd, lambda[iMin], lambda[i1se], iMin, i1se, fold);
    }

    private static double loss(Family family, double y, double pred) {
        if (family == Family.GAUSSIAN) {
            return (y - pred) * (y - pred);
        }
        double p = Math.min(Math.max(pred, PROB_MIN), 1 - PROB_MIN);
        double l = 0;
        if (y > 0) {
            l -= y * Math.log(p / y);
        }
        if (y < 1) {
            l -= (1 - y) * Math.log((1 - p) / (1 - y));
        }
        return 2 * l;
    }

    private static int[] folds(int n, Options o) {
        int[] given = o.foldId();
        if (given != null) {
            if (given.length != n) {
                throw new IllegalArgumentException("foldId has " + given.length + " values but x has " + n + " rows");
            }
            int k = Arrays.stream(given).max().orElse(0);
            if (k < 3) {
                throw new IllegalArgumentException("foldId has " + k + " folds; need at least 3");
            }
            int[] count = new int[k + 1];
            for (int i = 0; i < n; i++) {
                if (given[i] < 1) {
                    throw new IllegalArgumentException("foldId[" + i + "] = " + given[i] + " must be in 1.." + k);
                }
                count[given[i]]++;
            }
            for (int f = 1; f <= k; f++) {
                if (count[f] == 0) {
                    throw new IllegalArgumentException("fold " + f + " of 1.." + k + " is empty");
                }
            }
            return given;
        }
        int k = o.nfolds();
        if (n < k) {
            throw new IllegalArgumentException("fewer rows (" + n + ") than folds (" + k + ")");
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = i % k + 1;
        }
        SplittableRandom rnd = new SplittableRandom(o.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = fold[i];
            fold[i] = fold[j];
            fold[j] = t;
        }
        return fold;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable LASSO path as glmnet returns it: for each lambda (decreasing) the intercept, the
 * coefficients on the original scale of x, the number of nonzero coefficients and the fraction of
 * null deviance explained.
 *
 * @param family       response family
 * @param names        feature names, one per column
 * @param lambda       the lambda values actually fitted (shorter than requested if the path stopped early)
 * @param intercept    intercept per lambda (glmnet's {@code a0})
 * @param beta         coefficients per lambda, {@code beta[k][j]} (glmnet's {@code t(beta)})
 * @param devRatio     fraction of null deviance explained per lambda (glmnet's {@code dev.ratio})
 * @param nullDeviance null deviance divided by the sum of weights (glmnet's {@code nulldev / sum(w)})
 * @param stoppedEarly true if the computed path stopped before nlambda values
 */
public record LassoPath(Family family, List<String> names, double[] lambda, double[] intercept, double[][] beta,
        double[] devRatio, double nullDeviance, boolean stoppedEarly) {

    public LassoPath {
        names = List.copyOf(names);
        lambda = lambda.clone();
        intercept = intercept.clone();
        beta = Arrays.stream(beta).map(double[]::clone).toArray(double[][]::new);
        devRatio = devRatio.clone();
    }

    /** Number of lambda values on the path. */
    public int size() {
        return lambda.length;
    }

    @Override
    public double[] lambda() {
        return lambda.clone();
    }

    @Override
    public double[] intercept() {
        return intercept.clone();
    }

    @Override
    public double[][] beta() {
        return Arrays.stream(beta).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] devRatio() {
        return devRatio.clone();
    }

    /** Number of nonzero coefficients at path index k (glmnet's {@code df}). */
    public int df(int k) {
        int c = 0;
        for (double b : beta[k]) {
            c += b != 0 ? 1 : 0;
        }
        return c;
    }

    /** The fit at path index k. */
    public LassoFit at(int k) {
        if (k < 0 || k >= lambda.length) {
            throw new IndexOutOfBoundsException("path index " + k + " outside [0, " + lambda.length + ")");
        }
        return new LassoFit(family, names, lambda[k], intercept[k], beta[k], devRatio[k]);
    }

    /** The fit at a lambda that is on the path (exact value, e.g. from cross-validation). */
    public LassoFit at(double value) {
        for (int k = 0; k < lambda.length; k++) {
            if (lambda[k] == value) {
                return at(k);
            }
        }
        throw new IllegalArgumentException("lambda " + value + " is not on the path; refit with Options.withLambda");
    }

    /**
     * Intercept and coefficients at any lambda s, as glmnet's {@code predict(fit, s = s)} with
     * {@code exact = FALSE}: linear interpolation in lambda between the two neighbouring path values,
     * s clipped to the range of the path. Returns {@code [a0, b_1, ..., b_p]}.
     */
    public double[] interpolate(double s) {
        int k = lambda.length;
        double[] out = new double[beta[0].length + 1];
        int left = 0;
        int right = 0;
        double frac = 1;
        if (k > 1) {
            double span = lambda[0] - lambda[k - 1];
            double sf = Math.min(Math.max((lambda[0] - s) / span, 0), 1);
            // normalised path positions increase from 0 to 1
            int i = 0;
            while (i < k - 1 && (lambda[0] - lambda[i + 1]) / span < sf) {
                i++;
            }
            double li = (lambda[0] - lambda[i]) / span;
            if (li == sf || i == k - 1) {
                left = i;
                right = i;
            } else {
                left = i;
                right = i + 1;
                double lr = (lambda[0] - lambda[right]) / span;
                frac = (sf - lr) / (li - lr);
            }
        }
        out[0] = frac * intercept[left] + (1 - frac) * intercept[right];
        for (int j = 0; j < beta[0].length; j++) {
            out[j + 1] = frac * beta[left][j] + (1 - frac) * beta[right][j];
        }
        return out;
    }

    /** Response at lambda s (interpolated as {@link #interpolate}) for every row of x. */
    public double[] predictAt(double s, double[][] x) {
        double[] c = interpolate(s);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double e = c[0];
            for (int j = 1; j < c.length; j++) {
                e += x[i][j - 1] * c[j];
            }
            out[i] = family == Family.BINOMIAL ? 1 / (1 + Math.exp(-e)) : e;
        }
        return out;
    }

    /** Linear predictor {@code a0 + x b} at path index k for every row of x. */
    public double[] link(int k, double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = intercept[k];
            for (int j = 0; j < beta[k].length; j++) {
                s += x[i][j] * beta[k][j];
            }
            out[i] = s;
        }
        return out;
    }

    /** Response at path index k: the linear predictor (gaussian) or the probability (binomial). */
    public double[] predict(int k, double[][] x) {
        double[] eta = link(k, x);
        if (family == Family.BINOMIAL) {
            for (int i = 0; i < eta.length; i++) {
                eta[i] = 1 / (1 + Math.exp(-eta[i]));
            }
        }
        return eta;
    }
}

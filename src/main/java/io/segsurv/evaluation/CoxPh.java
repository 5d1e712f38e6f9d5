/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import java.util.Arrays;

/**
 * Cox proportional hazards regression fitted by Newton-Raphson on the partial likelihood, with
 * Efron's handling of tied event times (the default of R's {@code survival::coxph}) or Breslow's.
 *
 * <p>References: D. R. Cox, "Regression models and life-tables", JRSS B 34:187-220, 1972. B. Efron,
 * "The efficiency of Cox's likelihood function for censored data", JASA 72:557-565, 1977. N.
 * Breslow, "Covariance analysis of censored survival data", Biometrics 30:89-99, 1974.
 *
 * <p>Efron: at an event time with d tied events D and risk set R, the log partial likelihood gains
 * sum_D eta - sum_{k=0}^{d-1} log(sum_R w - k/d sum_D w), w = exp(eta). Newton steps start at beta =
 * 0; a step that lowers the log-likelihood is halved (up to 30 times). Iteration stops when |1 -
 * loglik_old / loglik_new| &lt;= eps, survival's rule; the covariance is the inverse information at
 * the final beta. Covariates are centred internally (this changes neither beta nor the
 * likelihood). Wald z = beta / se, two-sided normal p; likelihood-ratio test 2 (loglik - loglik0)
 * on p degrees of freedom.
 *
 * @param coefficients beta
 * @param covariance inverse information at beta
 * @param logLikelihoodNull log partial likelihood at beta = 0
 * @param logLikelihood log partial likelihood at beta
 * @param iterations Newton iterations done
 * @param converged whether the eps rule was met within maxIterations
 * @param ties tie handling used
 */
public record CoxPh(double[] coefficients, double[][] covariance, double logLikelihoodNull, double logLikelihood,
        int iterations, boolean converged, Ties ties) {

    public CoxPh {
        coefficients = coefficients.clone();
        covariance = Matrices.copy(covariance);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[][] covariance() {
        return Matrices.copy(covariance);
    }

    /** Tie handling. */
    public enum Ties {
        /** Efron 1977 (survival's default). */
        EFRON,
        /** Breslow 1974. */
        BRESLOW
    }

    /**
     * Options.
     *
     * @param ties tie handling, default EFRON
     * @param eps relative log-likelihood change for convergence, default 1e-9 (survival's)
     * @param maxIterations default 20 (survival's)
     */
    public record Options(Ties ties, double eps, int maxIterations) {
        public Options {
            Checks.notNull(ties, "ties");
            if (!(eps > 0 && eps < 1)) {
                throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
        }

        /** EFRON, 1e-9, 20. */
        public static Options defaults() {
            return new Options(Ties.EFRON, 1e-9, 20);
        }
    }

    /** Standard errors sqrt(diag(covariance)). */
    public double[] standardErrors() {
        double[] se = new double[coefficients.length];
        for (int j = 0; j < se.length; j++) {
            se[j] = Math.sqrt(covariance[j][j]);
        }
        return se;
    }

    /** Wald z = beta / se. */
    public double[] z() {
        double[] se = standardErrors();
        double[] z = new double[se.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = coefficients[j] / se[j];
        }
        return z;
    }

    /** Two-sided Wald p-values. */
    public double[] pValues() {
        double[] z = z();
        double[] p = new double[z.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = 2 * Distributions.normalUpperTail(Math.abs(z[j]));
        }
        return p;
    }

    /** Likelihood-ratio statistic 2 (loglik - loglik0). */
    public double likelihoodRatio() {
        return 2 * (logLikelihood - logLikelihoodNull);
    }

    /** p-value of the likelihood-ratio test on p degrees of freedom. */
    public double likelihoodRatioPValue() {
        return Distributions.chiSquareUpperTail(likelihoodRatio(), coefficients.length);
    }

    /** Linear predictor beta' x (uncentred) of one subject. */
    public double linearPredictor(double[] x) {
        Checks.sameLength("x", x.length, "coefficients", coefficients.length);
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += coefficients[j] * x[j];
        }
        return s;
    }

    /** Fits with survival's defaults (Efron, eps 1e-9, 20 iterations). */
    public static CoxPh fit(double[][] x, double[] time, int[] status) {
        return fit(x, time, status, Options.defaults());
    }

    /**
     * Fits the model.
     *
     * @param x covariates, one row per subject, all rows the same length &gt;= 1, finite
     * @param time follow-up times, finite and &gt;= 0
     * @param status 1 = event, 0 = censored; at least one event
     */
    public static CoxPh fit(double[][] x, double[] time, int[] status, Options options) {
        Checks.survival(time, status);
        Checks.notNull(x, "x");
        Checks.notNull(options, "options");
        Checks.sameLength("x", x.length, "time", time.length);
        int n = x.length;
        int p = x[0] == null ? 0 : x[0].length;
        if (p == 0) {
            throw new IllegalArgumentException("x needs at least one covariate column");
        }
        if (Arrays.stream(status).sum() == 0) {
            throw new IllegalArgumentException("no events: the Cox model needs at least one status = 1");
        }
        double[] mean = new double[p];
        for (int i = 0; i < n; i++) {
            if (x[i] == null || x[i].length != p) {
                throw new IllegalArgumentException("x[" + i + "] has " + (x[i] == null ? 0 : x[i].length)
                        + " covariates, expected " + p);
            }
            Checks.finite(x[i], "x[" + i + "]");
            for (int j = 0; j < p; j++) {
                mean[j] += x[i][j] / n;
            }
        }
        double[][] xc = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[i][j] = x[i][j] - mean[j];
            }
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(time[b], time[a])); // descending
        int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        Instance run = new Instance(xc, time, status, order, options.ties());

        double[] beta = new double[p];
        Eval cur = run.evaluate(beta);
        double ll0 = cur.loglik;
        boolean converged = false;
        int iter = 0;
        while (iter < options.maxIterations()) {
            iter++;
            double[] step = Matrices.solve(Matrices.cholesky(cur.information, "Cox information matrix"), cur.score);
            double[] next = new double[p];
            for (int j = 0; j < p; j++) {
                next[j] = beta[j] + step[j];
            }
            Eval e = run.evaluate(next);
            for (int h = 0; h < 30 && !(e.loglik >= cur.loglik); h++) {
                for (int j = 0; j < p; j++) {
                    next[j] = 0.5 * (beta[j] + next[j]);
                }
                e = run.evaluate(next);
            }
            boolean done = Math.abs(1 - cur.loglik / e.loglik) <= options.eps();
            beta = next;
            cur = e;
            if (done) {
                converged = true;
                break;
            }
        }
        double[][] cov = Matrices.inverse(Matrices.cholesky(cur.information, "Cox information matrix"));
        return new CoxPh(beta, cov, ll0, cur.loglik, iter, converged, options.ties());
    }

    private record Eval(double loglik, double[] score, double[][] information) {
    }

    /** State of one fit: centred data in descending time order. */
    private record Instance(double[][] x, double[] time, int[] status, int[] order, Ties ties) {

        Eval evaluate(double[] beta) {
            int n = order.length;
            int p = beta.length;
            double loglik = 0;
            double[] u = new double[p];
            double[][] info = new double[p][p];
            double s0 = 0;
            double[] s1 = new double[p];
            double[][] s2 = new double[p][p];
            int i = 0;
            while (i < n) {
                double t = time[order[i]];
                double d0 = 0;
                double[] d1 = new double[p];
                double[][] d2 = new double[p][p];
                int deaths = 0;
                double[] sumX = new double[p];
                double sumEta = 0;
                while (i < n && time[order[i]] == t) {
                    int k = order[i];
                    double eta = 0;
                    for (int j = 0; j < p; j++) {
                        eta += beta[j] * x[k][j];
                    }
                    double w = Math.exp(eta);
                    s0 += w;
                    for (int a = 0; a < p; a++) {
                        s1[a] += w * x[k][a];
                        for (int b = 0; b <= a; b++) {
                            s2[a][b] += w * x[k][a] * x[k][b];
                        }
                    }
                    if (status[k] == 1) {
                        deaths++;
                        sumEta += eta;
                        d0 += w;
                        for (int a = 0; a < p; a++) {
                            sumX[a] += x[k][a];
                            d1[a] += w * x[k][a];
                            for (int b = 0; b <= a; b++) {
                                d2[a][b] += w * x[k][a] * x[k][b];
                            }
                        }
                    }
                    i++;
                }
                if (deaths == 0) {
                    continue;
                }
                loglik += sumEta;
                for (int a = 0; a < p; a++) {
                    u[a] += sumX[a];
                }
                for (int r = 0; r < deaths; r++) {
                    double f = ties == Ties.EFRON ? (double) r / deaths : 0;
                    double z0 = s0 - f * d0;
                    loglik -= Math.log(z0);
                    double[] mean = new double[p];
                    for (int a = 0; a < p; a++) {
                        mean[a] = (s1[a] - f * d1[a]) / z0;
                        u[a] -= mean[a];
                    }
                    for (int a = 0; a < p; a++) {
                        for (int b = 0; b <= a; b++) {
                            info[a][b] += (s2[a][b] - f * d2[a][b]) / z0 - mean[a] * mean[b];
                        }
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = a + 1; b < p; b++) {
                    info[a][b] = info[b][a];
                }
            }
            return new Eval(loglik, u, info);
        }
    }
}

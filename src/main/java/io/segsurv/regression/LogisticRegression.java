/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.Arrays;
import java.util.List;

/**
 * Unpenalised logistic regression by Newton-Raphson (iteratively reweighted least squares, with
 * step halving), as R's {@code glm(y ~ ., family = binomial)}: coefficients, standard errors from
 * the inverse Fisher information, iterations and a convergence flag.
 * <p>Separation: if Newton's method does not converge, the information matrix is singular, or a
 * fitted probability is numerically 0 or 1 (within {@code separationTolerance}; the case where
 * coefficients diverge under (quasi-)complete separation), the model is refitted with a small ridge
 * penalty {@code (ridge / 2) sum(w) sum_j (sd_j b_j)^2} (intercept unpenalised, sd_j the weighted
 * population SD of column j) and the result says so ({@link LogisticModel#ridge()} &gt; 0 and
 * {@link LogisticModel#message()}); its standard errors then come from the penalised information.
 * <p>References: P. McCullagh, J. A. Nelder, Generalized Linear Models, 2nd ed., 1989, Section 2.5
 * (IRLS); A. Albert, J. A. Anderson, "On the existence of maximum likelihood estimates in logistic
 * regression models", Biometrika 71(1), 1984 (separation); S. le Cessie, J. C. van Houwelingen,
 * "Ridge estimators in logistic regression", Applied Statistics 41(1), 1992. Step 3 of S. Baek et
 * al., Scientific Reports 9, 17286, 2019.
 */
public final class LogisticRegression {

    private LogisticRegression() {
    }

    /**
     * Options of a logistic regression.
     *
     * @param maxit               maximum Newton iterations (glm: 25)
     * @param epsilon             convergence on the relative deviance change
     *                            {@code |dev - dev_old| / (|dev| + 0.1)} (glm: 1e-8; default here 1e-12)
     * @param ridge               ridge penalty used only when separation is detected (default 1e-3)
     * @param separationTolerance a fitted probability closer than this to 0 or 1 signals separation (1e-8)
     * @param weights             prior observation weights (>= 0), or null for ones
     */
    public record Options(int maxit, double epsilon, double ridge, double separationTolerance, double[] weights) {

        public Options {
            if (maxit < 1) {
                throw new IllegalArgumentException("maxit = " + maxit + " must be >= 1");
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("epsilon = " + epsilon + " must be > 0");
            }
            if (!(ridge > 0) || !Double.isFinite(ridge)) {
                throw new IllegalArgumentException("ridge = " + ridge + " must be finite and > 0");
            }
            if (!(separationTolerance >= 0 && separationTolerance < 0.5)) {
                throw new IllegalArgumentException("separationTolerance = " + separationTolerance + " must be in [0, 0.5)");
            }
            weights = weights == null ? null : weights.clone();
        }

        public static Options defaults() {
            return new Options(25, 1e-12, 1e-3, 1e-8, null);
        }

        public Options withWeights(double[] w) {
            return new Options(maxit, epsilon, ridge, separationTolerance, w);
        }

        public Options withRidge(double r) {
            return new Options(maxit, epsilon, r, separationTolerance, weights);
        }

        @Override
        public double[] weights() {
            return weights == null ? null : weights.clone();
        }
    }

    /** Fits with features named V1..Vp. */
    public static LogisticModel fit(double[][] x, double[] y, Options options) {
        return fit(Checks.defaultNames(x), x, y, options);
    }

    /**
     * Fits the model; y must be 0/1 (or proportions in [0, 1]).
     *
     * @throws IllegalArgumentException on invalid input, naming the value
     */
    public static LogisticModel fit(List<String> names, double[][] x, double[] y, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (names == null) {
            throw new IllegalArgumentException("names must not be null");
        }
        Checks.data(x, y, names);
        Checks.response(y, Family.BINOMIAL);
        int n = x.length;
        double[] w = options.weights();
        if (w == null) {
            w = new double[n];
            Arrays.fill(w, 1);
        } else {
            Checks.weights(w, n); // validation only
        }
        Newton plain = new Newton(x, y, w, 0, options);
        plain.run();
        String reason = plain.separationReason(options.separationTolerance());
        if (reason == null) {
            return plain.model(names, 0, plain.converged ? "converged in " + plain.iterations + " iterations"
                    : "did not converge in " + plain.iterations + " iterations");
        }
        Newton ridged = new Newton(x, y, w, options.ridge(), options);
        ridged.run();
        return ridged.model(names, options.ridge(), "separation suspected (" + reason + "); refitted with ridge penalty "
                + options.ridge() + (ridged.converged ? ", converged in " + ridged.iterations + " iterations"
                        : ", still not converged after " + ridged.iterations + " iterations"));
    }

    /** One Newton-Raphson run (the per-run state). */
    private static final class Newton {
        private final double[][] x;
        private final double[] y;
        private final double[] w;
        private final Options o;
        private final int n;
        private final int q;
        /** penalty weight per parameter (0 for the intercept). */
        private final double[] pen;
        private double[] beta;
        private double dev;
        private double[] prob;
        private double[][] cov;
        private int iterations;
        private boolean converged;
        private boolean singular;

        Newton(double[][] x, double[] y, double[] w, double ridge, Options o) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.o = o;
            this.n = x.length;
            this.q = x[0].length + 1;
            double sw = Arrays.stream(w).sum();
            pen = new double[q];
            for (int j = 1; j < q; j++) {
                double m = 0;
                for (int i = 0; i < n; i++) {
                    m += w[i] * x[i][j - 1];
                }
                m /= sw;
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += w[i] * (x[i][j - 1] - m) * (x[i][j - 1] - m);
                }
                pen[j] = ridge * v; // (ridge / 2) sum(w) sd_j^2 b_j^2, sd_j^2 = v / sum(w)
            }
        }

        private double row(int i, int j) {
            return j == 0 ? 1 : x[i][j - 1];
        }

        /** Penalised objective: deviance / 2 + penalty; also fills prob. */
        private double objective(double[] b, double[] pr) {
            double d = 0;
            for (int i = 0; i < n; i++) {
                double e = 0;
                for (int j = 0; j < q; j++) {
                    e += row(i, j) * b[j];
                }
                pr[i] = 1 / (1 + Math.exp(-e));
                // -loglik_i = log(1 + e^e) - y e, computed stably
                double softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
                d += w[i] * (softplus - y[i] * e + entropy(y[i]));
            }
            double s = 0;
            for (int j = 1; j < q; j++) {
                s += pen[j] * b[j] * b[j];
            }
            return d + s / 2;
        }

        /** y log y + (1-y) log(1-y): zero for 0/1, makes the deviance saturated-relative for proportions. */
        private static double entropy(double y) {
            return (y > 0 ? y * Math.log(y) : 0) + (y < 1 ? (1 - y) * Math.log(1 - y) : 0);
        }

        void run() {
            beta = new double[q];
            double sw = 0;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                sw += w[i];
                sy += w[i] * y[i];
            }
            beta[0] = Math.log(sy / (sw - sy));
            prob = new double[n];
            double obj = objective(beta, prob);
            double[] trial = new double[q];
            double[] trialProb = new double[n];
            while (iterations < o.maxit()) {
                iterations++;
                double[][] h = information(prob);
                double[] g = new double[q];
                for (int i = 0; i < n; i++) {
                    double r = w[i] * (y[i] - prob[i]);
                    for (int j = 0; j < q; j++) {
                        g[j] += row(i, j) * r;
                    }
                }
                for (int j = 1; j < q; j++) {
                    g[j] -= pen[j] * beta[j];
                }
                double[] step = Cholesky.solve(h, g);
                if (step == null) {
                    singular = true;
                    return;
                }
                double t = 1;
                double next;
                int halvings = 0;
                while (true) {
                    for (int j = 0; j < q; j++) {
                        trial[j] = beta[j] + t * step[j];
                    }
                    next = objective(trial, trialProb);
                    if (Double.isFinite(next) && next <= obj + 1e-12 * Math.abs(obj) || ++halvings > 30) {
                        break;
                    }
                    t /= 2;
                }
                System.arraycopy(trial, 0, beta, 0, q);
                System.arraycopy(trialProb, 0, prob, 0, n);
                double change = Math.abs(next - obj) / (Math.abs(2 * next) + 0.1) * 2;
                obj = next;
                if (change < o.epsilon()) {
                    converged = true;
                    break;
                }
            }
            dev = 0;
            for (int i = 0; i < n; i++) {
                dev += 2 * w[i] * (xlogy(y[i], prob[i]) + xlogy(1 - y[i], 1 - prob[i]));
            }
            cov = Cholesky.inverse(information(prob));
            singular = cov == null;
        }

        private static double xlogy(double a, double p) {
            return a > 0 ? a * Math.log(a / p) : 0;
        }

        private double[][] information(double[] pr) {
            double[][] h = new double[q][q];
            for (int i = 0; i < n; i++) {
                double v = w[i] * pr[i] * (1 - pr[i]);
                for (int a = 0; a < q; a++) {
                    double ra = row(i, a) * v;
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += ra * row(i, b);
                    }
                }
            }
            for (int a = 0; a < q; a++) {
                h[a][a] += pen[a];
                for (int b = 0; b < a; b++) {
                    h[b][a] = h[a][b];
                }
            }
            return h;
        }

        String separationReason(double tol) {
            if (singular) {
                return "information matrix singular";
            }
            if (!converged) {
                return "Newton-Raphson did not converge in " + iterations + " iterations";
            }
            for (int i = 0; i < n; i++) {
                if (w[i] > 0 && (prob[i] < tol || prob[i] > 1 - tol)) {
                    return "fitted probability of row " + i + " is numerically " + (prob[i] < 0.5 ? 0 : 1);
                }
            }
            return null;
        }

        LogisticModel model(List<String> names, double ridge, String message) {
            double[] se = new double[q];
            for (int j = 0; j < q; j++) {
                se[j] = cov == null ? Double.NaN : Math.sqrt(cov[j][j]);
            }
            return new LogisticModel(names, beta, se, iterations, converged, ridge, message, dev);
        }
    }
}

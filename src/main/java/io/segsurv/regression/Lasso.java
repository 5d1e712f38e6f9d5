/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.Arrays;
import java.util.List;

/**
 * LASSO ({@code alpha = 1} elastic net) for the gaussian and binomial families by cyclic coordinate
 * descent with warm starts along a decreasing lambda path, following glmnet's conventions:
 * <ul>
 * <li>objective {@code (1/2) sum w_i (y_i - b0 - x_i b)^2 + lambda ||b||_1} (gaussian) or
 * {@code -sum w_i loglik_i + lambda ||b||_1} (binomial), weights normalised to sum 1;</li>
 * <li>x centred and scaled by the weighted population SD (divisor sum w = 1, i.e. 1/n), intercept
 * unpenalised, coefficients reported on the original scale; constant columns get coefficient 0;</li>
 * <li>{@code lambda_max = max_j |<x_j, w (y - ybar)>|} on the standardised x (the smallest lambda
 * with all coefficients zero, for both families), path of {@code nlambda} values log-spaced down to
 * {@code lambdaMinRatio * lambda_max}, ratio 0.01 if n &lt; p else 1e-4;</li>
 * <li>convergence when the largest weighted squared coefficient change {@code max_j xv_j db_j^2}
 * (the change in the objective of one coordinate step) is below {@code thresh} times the null
 * deviance;</li>
 * <li>binomial: outer IRLS loop (quadratic approximation at the current fit, probabilities clipped
 * to [1e-9, 1 - 1e-9]) with coordinate descent inner loop;</li>
 * <li>a computed path stops early (from the 5th lambda on) when the deviance ratio exceeds 0.999 or
 * its gain falls below 1e-5 (relative for gaussian, absolute for binomial); a user path does not.</li>
 * </ul>
 * <p>References: J. Friedman, T. Hastie, R. Tibshirani, "Regularization Paths for Generalized Linear
 * Models via Coordinate Descent", Journal of Statistical Software 33(1), 2010. R. Tibshirani,
 * "Regression Shrinkage and Selection via the Lasso", JRSS B 58(1), 1996. Used as in S. Baek et al.,
 * "Deep segmentation networks predict survival of non-small cell lung cancer", Scientific Reports 9,
 * 17286, 2019 (Eq. 3).
 */
public final class Lasso {

    private static final double PMIN = 1e-9;
    private static final double DEVMAX = 0.999;
    private static final double FDEV = 1e-5;
    private static final int MNLAM = 5;

    private Lasso() {
    }

    /**
     * Options of a LASSO fit.
     *
     * @param family         gaussian or binomial
     * @param nlambda        number of lambda values of a computed path (glmnet: 100)
     * @param lambdaMinRatio smallest lambda as a fraction of lambda_max; NaN for glmnet's default
     *                       (0.01 if n &lt; p, else 1e-4)
     * @param lambda         a user path (any order, sorted decreasing) or a single fixed lambda; null to compute
     * @param weights        observation weights (>= 0), or null for equal weights
     * @param thresh         convergence threshold, in units of the null deviance (glmnet: 1e-7)
     * @param maxit          maximum number of coordinate passes over all lambdas (glmnet: 1e5)
     * @param earlyStop      apply glmnet's early path stopping (deviance ratio 0.999, gain 1e-5)
     */
    public record Options(Family family, int nlambda, double lambdaMinRatio, double[] lambda, double[] weights,
            double thresh, int maxit, boolean earlyStop) {

        public Options {
            if (family == null) {
                throw new IllegalArgumentException("family must not be null");
            }
            if (nlambda < 1) {
                throw new IllegalArgumentException("nlambda = " + nlambda + " must be >= 1");
            }
            if (!Double.isNaN(lambdaMinRatio) && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
                throw new IllegalArgumentException("lambdaMinRatio = " + lambdaMinRatio + " must be in (0, 1) or NaN");
            }
            if (lambda != null) {
                if (lambda.length == 0) {
                    throw new IllegalArgumentException("lambda is empty; pass null to compute the path");
                }
                for (int k = 0; k < lambda.length; k++) {
                    if (!(lambda[k] >= 0) || !Double.isFinite(lambda[k])) {
                        throw new IllegalArgumentException("lambda[" + k + "] = " + lambda[k] + " must be finite and >= 0");
                    }
                }
                lambda = lambda.clone();
                Arrays.sort(lambda);
                for (int a = 0, b = lambda.length - 1; a < b; a++, b--) {
                    double t = lambda[a];
                    lambda[a] = lambda[b];
                    lambda[b] = t;
                }
            }
            weights = weights == null ? null : weights.clone();
            if (!(thresh > 0)) {
                throw new IllegalArgumentException("thresh = " + thresh + " must be > 0");
            }
            if (maxit < 1) {
                throw new IllegalArgumentException("maxit = " + maxit + " must be >= 1");
            }
        }

        /** glmnet's defaults for a family: 100 lambdas, default ratio, thresh 1e-7, maxit 1e5, early stop. */
        public static Options of(Family family) {
            return new Options(family, 100, Double.NaN, null, null, 1e-7, 100_000, true);
        }

        /** Same options with a user path or a fixed lambda (no early stopping applies to it). */
        public Options withLambda(double... values) {
            return new Options(family, nlambda, lambdaMinRatio, values, weights, thresh, maxit, earlyStop);
        }

        public Options withWeights(double[] w) {
            return new Options(family, nlambda, lambdaMinRatio, lambda, w, thresh, maxit, earlyStop);
        }

        public Options withThresh(double t, int iterations) {
            return new Options(family, nlambda, lambdaMinRatio, lambda, weights, t, iterations, earlyStop);
        }

        public Options withNlambda(int count, double ratio) {
            return new Options(family, count, ratio, lambda, weights, thresh, maxit, earlyStop);
        }

        public Options withEarlyStop(boolean stop) {
            return new Options(family, nlambda, lambdaMinRatio, lambda, weights, thresh, maxit, stop);
        }

        @Override
        public double[] lambda() {
            return lambda == null ? null : lambda.clone();
        }

        @Override
        public double[] weights() {
            return weights == null ? null : weights.clone();
        }
    }

    /** Fits the path with features named V1..Vp. */
    public static LassoPath fit(double[][] x, double[] y, Options options) {
        return fit(Checks.defaultNames(x), x, y, options);
    }

    /**
     * Fits the LASSO path.
     *
     * @param names   feature names, one per column of x
     * @param x       n x p design, rows are observations (not modified)
     * @param y       responses (binomial: 0/1 or proportions in [0, 1])
     * @param options family, path and convergence settings
     * @return the immutable path; {@link LassoPath#at(int)} gives one fit
     * @throws IllegalArgumentException on invalid input, naming the value
     * @throws IllegalStateException    if coordinate descent exceeds maxit passes before the first lambda
     *                                  converged (later: the converged part, {@code stoppedEarly}, as glmnet)
     */
    public static LassoPath fit(List<String> names, double[][] x, double[] y, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (names == null) {
            throw new IllegalArgumentException("names must not be null");
        }
        Checks.data(x, y, names);
        Checks.response(y, options.family());
        return new Instance(names, x, y, options).run();
    }

    /** State of one path fit (ELKI style: the algorithm is stateless, the run holds the arrays). */
    private static final class Instance {
        private final List<String> names;
        private final double[] y;
        private final Options o;
        private final int n;
        private final int p;
        private final double[] w;
        private final double[] xm;
        private final double[] xs;
        /** Standardised x, column-major. */
        private final double[][] z;
        private final boolean[] usable;
        private int passes;

        Instance(List<String> names, double[][] x, double[] y, Options o) {
            this.names = List.copyOf(names);
            this.y = y;
            this.o = o;
            this.n = x.length;
            this.p = x[0].length;
            this.w = Checks.weights(o.weights, n);
            xm = new double[p];
            xs = new double[p];
            z = new double[p][n];
            usable = new boolean[p];
            for (int j = 0; j < p; j++) {
                double m = 0;
                for (int i = 0; i < n; i++) {
                    m += w[i] * x[i][j];
                }
                double v = 0;
                for (int i = 0; i < n; i++) {
                    double d = x[i][j] - m;
                    v += w[i] * d * d;
                }
                xm[j] = m;
                xs[j] = Math.sqrt(v);
                usable[j] = xs[j] > 0;
                for (int i = 0; i < n; i++) {
                    z[j][i] = usable[j] ? (x[i][j] - m) / xs[j] : 0;
                }
            }
        }

        LassoPath run() {
            return o.family == Family.GAUSSIAN ? gaussian() : binomial();
        }

        private double ratio() {
            if (!Double.isNaN(o.lambdaMinRatio)) {
                return o.lambdaMinRatio;
            }
            return n < p ? 0.01 : 1e-4;
        }

        /** Path on the internal scale: user values divided by scale, or log-spaced from lambda_max. */
        private double[] path(double lambdaMax, double scale) {
            if (o.lambda != null) {
                double[] l = o.lambda.clone();
                for (int k = 0; k < l.length; k++) {
                    l[k] /= scale;
                }
                return l;
            }
            double[] l = new double[o.nlambda];
            double alf = o.nlambda == 1 ? 1 : Math.pow(ratio(), 1.0 / (o.nlambda - 1));
            l[0] = lambdaMax;
            for (int k = 1; k < l.length; k++) {
                l[k] = l[k - 1] * alf;
            }
            return l;
        }

        private double lambdaMax(double[] r) {
            double mx = 0;
            for (int j = 0; j < p; j++) {
                if (usable[j]) {
                    mx = Math.max(mx, Math.abs(dot(z[j], r)));
                }
            }
            return mx;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static double soft(double u, double t) {
            double v = Math.abs(u) - t;
            return v > 0 ? Math.copySign(v, u) : 0;
        }

        private boolean stop(int m, double dev, double devPrev, boolean relative) {
            if (o.lambda != null || !o.earlyStop || m + 1 < Math.min(MNLAM, o.nlambda)) {
                return false;
            }
            double gain = dev - devPrev;
            return (relative ? gain < FDEV * dev : gain < FDEV) || dev > DEVMAX;
        }

        private void countPass(int m) {
            if (++passes > o.maxit) {
                throw new NotConverged("coordinate descent did not converge within maxit = " + o.maxit
                        + " passes (at lambda index " + m + ")");
            }
        }

        /**
         * glmnet's answer when the passes run out at some lambda: the path of the larger lambdas, all
         * converged, marked as stopped early ("convergence for kth lambda value not reached after maxit
         * iterations; solutions for larger lambdas returned"); an error only if not even the first converged.
         */
        private LassoPath truncated(Builder out, NotConverged e, double nullDeviancePerWeight) {
            if (out.size == 0) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return out.build(nullDeviancePerWeight);
        }

        /*
         * Gaussian: y standardised to weighted mean 0 and weighted SD 1 so that the null deviance is 1
         * and thresh applies directly; lambda and coefficients are scaled back by ys.
         */
        private LassoPath gaussian() {
            double ym = 0;
            for (int i = 0; i < n; i++) {
                ym += w[i] * y[i];
            }
            double ys = 0;
            for (int i = 0; i < n; i++) {
                ys += w[i] * (y[i] - ym) * (y[i] - ym);
            }
            ys = Math.sqrt(ys);
            if (!(ys > 0)) {
                throw new IllegalArgumentException("y has zero weighted variance: nothing to fit");
            }
            double[] r = new double[n];
            double[] wr = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = (y[i] - ym) / ys;
                wr[i] = w[i] * r[i];
            }
            double[] xv = new double[p];
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    xv[j] += w[i] * z[j][i] * z[j][i];
                }
            }
            double[] lam = path(lambdaMax(wr), ys);
            double[] b = new double[p];
            boolean[] active = new boolean[p];
            Builder out = new Builder(lam.length);
            double rsq = 0;
            try {
                for (int m = 0; m < lam.length; m++) {
                    double alm = lam[m];
                    while (true) {
                        countPass(m);
                        double dlx = gaussPass(alm, b, r, xv, active, false);
                        if (dlx < o.thresh) {
                            break;
                        }
                        do {
                            countPass(m);
                        } while (gaussPass(alm, b, r, xv, active, true) >= o.thresh);
                    }
                    double rss = 0;
                    for (int i = 0; i < n; i++) {
                        rss += w[i] * r[i] * r[i];
                    }
                    double rsqPrev = rsq;
                    rsq = 1 - rss;
                    double[] beta = new double[p];
                    double a0 = ym;
                    for (int j = 0; j < p; j++) {
                        if (b[j] != 0) {
                            beta[j] = ys * b[j] / xs[j];
                            a0 -= beta[j] * xm[j];
                        }
                    }
                    out.add(alm * ys, a0, beta, rsq);
                    if (stop(m, rsq, rsqPrev, true)) {
                        break;
                    }
                }
            } catch (NotConverged e) {
                return truncated(out, e, ys * ys);
            }
            return out.build(ys * ys);
        }

        /** One coordinate pass; returns max_j xv_j * db_j^2. */
        private double gaussPass(double alm, double[] b, double[] r, double[] xv, boolean[] active, boolean activeOnly) {
            double dlx = 0;
            for (int j = 0; j < p; j++) {
                if (!usable[j] || (activeOnly && !active[j])) {
                    continue;
                }
                double[] zj = z[j];
                double g = 0;
                for (int i = 0; i < n; i++) {
                    g += w[i] * zj[i] * r[i];
                }
                double bj = b[j];
                double nb = soft(g + xv[j] * bj, alm) / xv[j];
                double del = nb - bj;
                if (del != 0) {
                    b[j] = nb;
                    active[j] = true;
                    for (int i = 0; i < n; i++) {
                        r[i] -= del * zj[i];
                    }
                    dlx = Math.max(dlx, xv[j] * del * del);
                }
            }
            return dlx;
        }

        private static double xlogx(double a, double b) {
            return a > 0 ? a * Math.log(a / b) : 0;
        }

        /** Half deviance per unit weight: sum w [y log(y/p) + (1-y) log((1-y)/(1-p))]. */
        private double halfDeviance(double[] prob) {
            double d = 0;
            for (int i = 0; i < n; i++) {
                d += w[i] * (xlogx(y[i], prob[i]) + xlogx(1 - y[i], 1 - prob[i]));
            }
            return d;
        }

        private static double clip(double pr) {
            return pr < PMIN ? PMIN : (pr > 1 - PMIN ? 1 - PMIN : pr);
        }

        private LassoPath binomial() {
            double q = 0;
            for (int i = 0; i < n; i++) {
                q += w[i] * y[i];
            }
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("weighted mean of y is " + q + ": binomial needs both outcomes");
            }
            double[] nullProb = new double[n];
            Arrays.fill(nullProb, q);
            double dev0 = halfDeviance(nullProb);
            double[] res = new double[n];
            for (int i = 0; i < n; i++) {
                res[i] = w[i] * (y[i] - q);
            }
            double[] lam = path(lambdaMax(res), 1);
            double shr = o.thresh * dev0;
            double az = Math.log(q / (1 - q));
            double[] b = new double[p];
            double[] eta = new double[n];
            Arrays.fill(eta, az);
            double[] prob = new double[n];
            double[] v = new double[n];
            double[] xv = new double[p];
            double[] bOld = new double[p];
            boolean[] active = new boolean[p];
            Builder out = new Builder(lam.length);
            double devRatio = 0;
            try {
                for (int m = 0; m < lam.length; m++) {
                    double alm = lam[m];
                    double xmz;
                    while (true) {
                        // quadratic approximation at the current fit
                        xmz = 0;
                        for (int i = 0; i < n; i++) {
                            prob[i] = clip(1 / (1 + Math.exp(-eta[i])));
                            v[i] = w[i] * prob[i] * (1 - prob[i]);
                            res[i] = w[i] * (y[i] - prob[i]);
                            xmz += v[i];
                        }
                        for (int j = 0; j < p; j++) {
                            double s = 0;
                            if (usable[j]) {
                                double[] zj = z[j];
                                for (int i = 0; i < n; i++) {
                                    s += v[i] * zj[i] * zj[i];
                                }
                            }
                            xv[j] = s;
                        }
                        System.arraycopy(b, 0, bOld, 0, p);
                        double azOld = az;
                        double[] azBox = {az};
                        while (true) {
                            countPass(m);
                            double dlx = binPass(alm, b, res, v, xv, xmz, azBox, active, false);
                            if (dlx < shr) {
                                break;
                            }
                            do {
                                countPass(m);
                            } while (binPass(alm, b, res, v, xv, xmz, azBox, active, true) >= shr);
                        }
                        az = azBox[0];
                        for (int i = 0; i < n; i++) {
                            eta[i] = az;
                        }
                        for (int j = 0; j < p; j++) {
                            if (b[j] != 0) {
                                double[] zj = z[j];
                                double bj = b[j];
                                for (int i = 0; i < n; i++) {
                                    eta[i] += bj * zj[i];
                                }
                            }
                        }
                        double dlx = xmz * (az - azOld) * (az - azOld);
                        for (int j = 0; j < p; j++) {
                            double d = b[j] - bOld[j];
                            dlx = Math.max(dlx, xv[j] * d * d);
                        }
                        if (dlx < shr) {
                            break;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        prob[i] = clip(1 / (1 + Math.exp(-eta[i])));
                    }
                    double prev = devRatio;
                    devRatio = 1 - halfDeviance(prob) / dev0;
                    double[] beta = new double[p];
                    double a0 = az;
                    for (int j = 0; j < p; j++) {
                        if (b[j] != 0) {
                            beta[j] = b[j] / xs[j];
                            a0 -= beta[j] * xm[j];
                        }
                    }
                    out.add(alm, a0, beta, devRatio);
                    if (stop(m, devRatio, prev, false) || xmz <= (1 + PMIN) * PMIN * (1 - PMIN)) {
                        break;
                    }
                }
            } catch (NotConverged e) {
                return truncated(out, e, 2 * dev0);
            }
            return out.build(2 * dev0);
        }

        /** One weighted coordinate pass including the intercept; returns the largest xv * d^2. */
        private double binPass(double alm, double[] b, double[] res, double[] v, double[] xv, double xmz, double[] az,
                boolean[] active, boolean activeOnly) {
            double dlx = 0;
            for (int j = 0; j < p; j++) {
                if (!usable[j] || (activeOnly && !active[j]) || xv[j] <= 0) {
                    continue;
                }
                double[] zj = z[j];
                double g = dot(zj, res);
                double bj = b[j];
                double nb = soft(g + xv[j] * bj, alm) / xv[j];
                double del = nb - bj;
                if (del != 0) {
                    b[j] = nb;
                    active[j] = true;
                    for (int i = 0; i < n; i++) {
                        res[i] -= del * v[i] * zj[i];
                    }
                    dlx = Math.max(dlx, xv[j] * del * del);
                }
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += res[i];
            }
            double d = s / xmz;
            if (d != 0) {
                az[0] += d;
                for (int i = 0; i < n; i++) {
                    res[i] -= d * v[i];
                }
                dlx = Math.max(dlx, xmz * d * d);
            }
            return dlx;
        }

        /** The passes ran out (caught where the path is assembled). */
        private static final class NotConverged extends RuntimeException {
            private static final long serialVersionUID = 1L;

            NotConverged(String message) {
                super(message, null, false, false);
            }
        }

        private final class Builder {
            private final double[] lambda;
            private final double[] a0;
            private final double[][] beta;
            private final double[] dev;
            private int size;

            Builder(int capacity) {
                lambda = new double[capacity];
                a0 = new double[capacity];
                beta = new double[capacity][];
                dev = new double[capacity];
            }

            void add(double l, double intercept, double[] b, double devRatio) {
                lambda[size] = l;
                a0[size] = intercept;
                beta[size] = b;
                dev[size] = devRatio;
                size++;
            }

            LassoPath build(double nullDeviancePerWeight) {
                return new LassoPath(o.family, names, Arrays.copyOf(lambda, size), Arrays.copyOf(a0, size),
                        Arrays.copyOf(beta, size), Arrays.copyOf(dev, size), nullDeviancePerWeight,
                        size < lambda.length);
            }
        }
    }
}

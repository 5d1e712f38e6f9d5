/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/**
 * Normal, chi-square and Student t distribution functions, written for this package (no external
 * statistics library).
 *
 * <ul>
 * <li>log Gamma: Stirling's asymptotic series for x &gt;= 10 (terms up to x^-13), shifted by the
 * recurrence Gamma(x+1) = x Gamma(x) below that.</li>
 * <li>Regularized incomplete gamma P(a, x), Q(a, x): power series for x &lt; a + 1, otherwise the
 * Legendre continued fraction evaluated by the modified Lentz method (Lentz 1976; Thompson &amp;
 * Barnett 1986; see Press et al., Numerical Recipes, 3rd ed., section 6.2).</li>
 * <li>erfc(x) = Q(1/2, x^2) for x &gt;= 0, so the normal upper tail keeps full relative accuracy far
 * out in the tail.</li>
 * <li>Normal quantile: the Abramowitz &amp; Stegun 26.2.23 starting value refined by Halley steps on
 * the accurate CDF.</li>
 * <li>Regularized incomplete beta I_x(a, b) by its continued fraction (Lentz), used for the Student
 * t CDF; the t quantile by bisection on the tail probability.</li>
 * </ul>
 * Tested against R's pnorm, qnorm, pchisq, pt and qt (relative error below 1e-12 except where the
 * result is subnormal).
 */
public final class Distributions {
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final double HALF_LOG_2PI = 0.9189385332046727417803297;
    private static final double LOG_SQRT_PI = 0.5723649429247000870717137;

    private Distributions() {
    }

    /** log Gamma(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x == 0.5) {
            return LOG_SQRT_PI;
        }
        double shift = 0;
        double prod = 1;
        while (x < 10) {
            prod *= x;
            if (prod > 1e280) {
                shift += Math.log(prod);
                prod = 1;
            }
            x += 1;
        }
        shift += Math.log(prod);
        double r = 1 / x;
        double r2 = r * r;
        double series = r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
                + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
    }

    /** Regularized lower incomplete gamma P(a, x) = gamma(a, x) / Gamma(a). */
    public static double regularizedGammaP(double a, double x) {
        checkGammaArgs(a, x);
        if (x == 0) {
            return 0;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the upper tail. */
    public static double regularizedGammaQ(double a, double x) {
        checkGammaArgs(a, x);
        if (x == 0) {
            return 1;
        }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
    }

    private static void checkGammaArgs(double a, double x) {
        if (!(a > 0) || !(x >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and x >= 0, got a=" + a + ", x=" + x);
        }
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < 100000; n++) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a) + Math.log(sum));
    }

    private static double gammaContinuedFraction(double a, double x) {
        if (Double.isInfinite(x)) {
            return 0;
        }
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 100000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a) + Math.log(h));
    }

    /** Complementary error function. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        return regularizedGammaQ(0.5, x * x);
    }

    /** Standard normal CDF Phi(x) (R: pnorm(x)). */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** Standard normal upper tail 1 - Phi(x), accurate for large x (R: pnorm(x, lower.tail = FALSE)). */
    public static double normalUpperTail(double x) {
        return 0.5 * erfc(x / Math.sqrt(2));
    }

    /** Standard normal quantile (R: qnorm(p)) for 0 &lt; p &lt; 1; 0 and 1 give -/+ infinity. */
    public static double normalQuantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p > 0.5) {
            return -lowerQuantile(1 - p); // 1 - p is exact for p in [0.5, 1] (Sterbenz)
        }
        return lowerQuantile(p);
    }

    /** Quantile for p in (0, 0.5]. */
    private static double lowerQuantile(double p) {
        if (p == 0.5) {
            return 0;
        }
        double t = Math.sqrt(-2 * Math.log(p));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328))
                / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
        for (int i = 0; i < 50; i++) {
            double cdf = normalCdf(x);
            // u = (Phi(x) - p) / phi(x), with p / phi(x) formed in logs so tiny p cannot overflow
            double u = (cdf / p - 1) * Math.exp(Math.log(p) + 0.5 * x * x + HALF_LOG_2PI);
            double step = u / (1 + 0.5 * x * u);
            x -= step;
            if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) {
                break;
            }
        }
        return x;
    }

    /** Chi-square CDF with df degrees of freedom (R: pchisq(x, df)). */
    public static double chiSquareCdf(double x, double df) {
        checkDf(df);
        return x <= 0 ? 0 : regularizedGammaP(df / 2, x / 2);
    }

    /** Chi-square upper tail, the p-value of a statistic x (R: pchisq(x, df, lower.tail = FALSE)). */
    public static double chiSquareUpperTail(double x, double df) {
        checkDf(df);
        return x <= 0 ? 1 : regularizedGammaQ(df / 2, x / 2);
    }

    private static void checkDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be finite and > 0, got " + df);
        }
    }

    /**
     * Regularized incomplete beta I_x(a, b); y = 1 - x is passed separately so that it keeps full
     * precision when x is close to 1.
     */
    static double regularizedBeta(double x, double y, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (y <= 0) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(y, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) {
            d = TINY;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m < 100000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    /** Student t CDF (R: pt(t, df)). */
    public static double studentTCdf(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        double tail = studentTUpperTail(Math.abs(t), df);
        return t > 0 ? 1 - tail : tail;
    }

    /** P(T &gt; t) for t &gt;= 0. */
    private static double studentTUpperTail(double t, double df) {
        if (Double.isInfinite(t)) {
            return 0;
        }
        double t2 = t * t;
        double x = df / (df + t2);
        double y = t2 / (df + t2);
        return 0.5 * regularizedBeta(x, y, df / 2, 0.5);
    }

    /** Student t quantile (R: qt(p, df)) for 0 &lt; p &lt; 1. */
    public static double studentTQuantile(double p, double df) {
        checkDf(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        if (p == 0.5) {
            return 0;
        }
        double alpha = p < 0.5 ? p : 1 - p; // exact in both branches
        double lo = 0;
        double hi = 1;
        while (studentTUpperTail(hi, df) > alpha) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 2000; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (studentTUpperTail(mid, df) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double q = 0.5 * (lo + hi);
        return p < 0.5 ? -q : q;
    }
}

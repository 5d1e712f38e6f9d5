/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kaplan-Meier estimate of the survival function with Greenwood's variance and pointwise confidence
 * intervals, as R's {@code survival::survfit(Surv(time, status) ~ 1)} computes them.
 *
 * <p>References: E. L. Kaplan, P. Meier, "Nonparametric estimation from incomplete observations",
 * JASA 53:457-481, 1958. M. Greenwood, "The natural duration of cancer", Reports on Public Health
 * and Medical Subjects 33, HMSO, 1926. Confidence transforms as in Kalbfleisch &amp; Prentice, The
 * Statistical Analysis of Failure Time Data, 2nd ed., 2002.
 *
 * <p>At each distinct time t (event or censoring; times are equal when they are equal doubles):
 * S(t) = prod (1 - d/n) over event times &lt;= t; the standard error of the cumulative hazard -log
 * S is sqrt(sum d / (n (n - d))) (survfit's {@code std.err}), that of S is S times it. With z =
 * z_{(1+level)/2}: {@link ConfidenceType#LOG} (survfit's default) S exp(-/+ z se), upper clipped
 * at 1; {@link ConfidenceType#LOG_LOG} exp(-exp(log(-log S) -/+ z se / log S)), undefined (NaN)
 * where S is 0 or 1; {@link ConfidenceType#PLAIN} S -/+ z S se clipped to [0, 1]. Where S = 0 the
 * standard errors and limits are NaN.
 *
 * @param steps one step per distinct time, ascending
 * @param confidenceType interval transform
 * @param confidenceLevel interval level
 */
public record KaplanMeier(List<Step> steps, ConfidenceType confidenceType, double confidenceLevel) {

    public KaplanMeier {
        steps = List.copyOf(steps);
    }

    /** Interval transform (survfit's {@code conf.type}). */
    public enum ConfidenceType {
        /** "log": default of survfit. */
        LOG,
        /** "log-log". */
        LOG_LOG,
        /** "plain". */
        PLAIN
    }

    /**
     * Options.
     *
     * @param confidenceType interval transform, default LOG
     * @param confidenceLevel in (0, 1), default 0.95
     */
    public record Options(ConfidenceType confidenceType, double confidenceLevel) {
        public Options {
            Checks.notNull(confidenceType, "confidenceType");
            Checks.confidenceLevel(confidenceLevel);
        }

        /** LOG, 0.95 (survfit's defaults). */
        public static Options defaults() {
            return new Options(ConfidenceType.LOG, 0.95);
        }
    }

    /**
     * One distinct time.
     *
     * @param time the time
     * @param atRisk subjects with time &gt;= this time
     * @param events events at this time
     * @param censored censorings at this time
     * @param survival S(time)
     * @param seCumulativeHazard Greenwood SE of -log S (survfit {@code std.err})
     * @param seSurvival SE of S (summary.survfit {@code std.err})
     * @param lower lower confidence limit
     * @param upper upper confidence limit
     */
    public record Step(double time, int atRisk, int events, int censored, double survival, double seCumulativeHazard,
            double seSurvival, double lower, double upper) {
    }

    /** Fits with survfit's defaults (log interval, 95%). */
    public static KaplanMeier fit(double[] time, int[] status) {
        return fit(time, status, Options.defaults());
    }

    /**
     * Fits the curve.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 1 = event (death), 0 = censored
     */
    public static KaplanMeier fit(double[] time, int[] status, Options options) {
        Checks.survival(time, status);
        Checks.notNull(options, "options");
        int n = time.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        double z = Distributions.normalQuantile(0.5 + options.confidenceLevel() / 2);
        List<Step> steps = new ArrayList<>();
        double s = 1;
        double greenwood = 0;
        int atRisk = n;
        int i = 0;
        while (i < n) {
            double t = time[order[i]];
            int d = 0;
            int c = 0;
            while (i < n && time[order[i]] == t) {
                if (status[order[i]] == 1) {
                    d++;
                } else {
                    c++;
                }
                i++;
            }
            if (d > 0) {
                s *= 1 - (double) d / atRisk;
                greenwood = d == atRisk ? Double.NaN : greenwood + (double) d / ((double) atRisk * (atRisk - d));
            }
            double se = s == 0 ? Double.NaN : Math.sqrt(greenwood);
            steps.add(new Step(t, atRisk, d, c, s, se, s * se, lower(s, se, z, options.confidenceType()),
                    upper(s, se, z, options.confidenceType())));
            atRisk -= d + c;
        }
        return new KaplanMeier(steps, options.confidenceType(), options.confidenceLevel());
    }

    private static double lower(double s, double se, double z, ConfidenceType type) {
        if (s == 0 || Double.isNaN(se)) {
            return Double.NaN;
        }
        return switch (type) {
            case LOG -> s * Math.exp(-z * se);
            case LOG_LOG -> s == 1 ? Double.NaN : Math.exp(-Math.exp(Math.log(-Math.log(s)) - z * se / Math.log(s)));
            case PLAIN -> Math.max(0, s - z * se * s);
        };
    }

    private static double upper(double s, double se, double z, ConfidenceType type) {
        if (s == 0 || Double.isNaN(se)) {
            return Double.NaN;
        }
        return switch (type) {
            case LOG -> Math.min(1, s * Math.exp(z * se));
            case LOG_LOG -> s == 1 ? Double.NaN : Math.exp(-Math.exp(Math.log(-Math.log(s)) + z * se / Math.log(s)));
            case PLAIN -> Math.min(1, s + z * se * s);
        };
    }

    /** S(t): the survival at the last step with time &lt;= t (1 before the first step). */
    public double survivalAt(double t) {
        double s = 1;
        for (Step step : steps) {
            if (step.time() > t) {
                break;
            }
            s = step.survival();
        }
        return s;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import java.util.Locale;

/** How numbers of results are shown on the dashboard and in the report: three decimals, an en dash for missing values. */
public final class Format {

    /** Shown for a value that is missing or not finite. */
    public static final String NONE = "–";

    private Format() {
    }

    /** Three decimals ("0.812"), or {@link #NONE}. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return NONE;
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.equals("-0.000") ? "0.000" : s; // a tiny negative bound is not shown as a signed zero
    }

    /** "low–high" with three decimals, or {@link #NONE} when both are missing. */
    public static String interval(double low, double high) {
        if (!Double.isFinite(low) && !Double.isFinite(high)) {
            return NONE;
        }
        return number(low) + "–" + number(high);
    }

    /** "mean (low–high)": a metric with its interval across folds, as in the paper's Extended Data Table 2. */
    public static String withInterval(RunResults.Metric m) {
        return number(m.mean()) + " (" + interval(m.low(), m.high()) + ")";
    }

    /** A p-value: three decimals, "<0.001" below that. */
    public static String p(double p) {
        if (!Double.isFinite(p)) {
            return NONE;
        }
        return p < 0.001 ? "<0.001" : number(p);
    }

    /** An integer or {@link #NONE}. */
    public static String count(Integer n) {
        return n == null ? NONE : n.toString();
    }

    /** A lambda: significant digits rather than decimals (it is often below 0.001). */
    public static String lambda(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : NONE;
    }
}

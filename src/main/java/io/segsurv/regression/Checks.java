/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.ArrayList;
import java.util.List;

/** Input validation shared by the fitters; every message names the offending value. */
final class Checks {

    private Checks() {
    }

    /** Validates x (rectangular, finite, at least one column) and y (same length, finite). */
    static void data(double[][] x, double[] y, List<String> names) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " values");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 rows, got " + x.length);
        }
        int p = x[0] == null ? 0 : x[0].length;
        if (p == 0) {
            throw new IllegalArgumentException("x has no columns");
        }
        if (names.size() != p) {
            throw new IllegalArgumentException("x has " + p + " columns but " + names.size() + " feature names were given");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != p) {
                throw new IllegalArgumentException("x row " + i + " has " + (x[i] == null ? 0 : x[i].length)
                        + " columns, expected " + p);
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("x[" + i + "][" + j + "] (row " + i + ", column '" + names.get(j)
                            + "') is " + x[i][j]);
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is " + y[i]);
            }
        }
    }

    /** Validates the response for a family: binomial needs y in [0, 1]; both need a non-constant y. */
    static void response(double[] y, Family family) {
        if (family == Family.BINOMIAL) {
            for (int i = 0; i < y.length; i++) {
                if (y[i] < 0 || y[i] > 1) {
                    throw new IllegalArgumentException("binomial y[" + i + "] = " + y[i] + " is outside [0, 1]");
                }
            }
        }
        boolean constant = true;
        for (double v : y) {
            constant &= v == y[0];
        }
        if (constant) {
            throw new IllegalArgumentException("y is constant (every value is " + y[0] + "): nothing to fit");
        }
    }

    /** Returns weights normalised to sum 1; null means equal weights. */
    static double[] weights(double[] w, int n) {
        double[] out = new double[n];
        if (w == null) {
            java.util.Arrays.fill(out, 1.0 / n);
            return out;
        }
        if (w.length != n) {
            throw new IllegalArgumentException("weights has " + w.length + " values but x has " + n + " rows");
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException("weights[" + i + "] = " + w[i] + " must be finite and >= 0");
            }
            s += w[i];
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("weights sum to " + s + ", must be > 0");
        }
        for (int i = 0; i < n; i++) {
            out[i] = w[i] / s;
        }
        return out;
    }

    /** Default feature names V1..Vp, as R gives an unnamed matrix. */
    static List<String> defaultNames(double[][] x) {
        int p = x == null || x.length == 0 || x[0] == null ? 0 : x[0].length;
        List<String> names = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            names.add("V" + (j + 1));
        }
        return names;
    }
}

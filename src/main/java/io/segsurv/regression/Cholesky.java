/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

/** Cholesky factorisation of small symmetric positive definite matrices (Golub and Van Loan, Alg. 4.2.1). */
final class Cholesky {

    private Cholesky() {
    }

    /** Lower factor L with A = L L^T, or null if A is not numerically positive definite. */
    static double[][] factor(double[][] a) {
        int q = a.length;
        double[][] l = new double[q][q];
        double scale = 0;
        for (int i = 0; i < q; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        for (int j = 0; j < q; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-13 * scale)) {
                return null;
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < q; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    /** Solves A x = b, or null if A is not positive definite. */
    static double[] solve(double[][] a, double[] b) {
        double[][] l = factor(a);
        return l == null ? null : substitute(l, b);
    }

    private static double[] substitute(double[][] l, double[] b) {
        int q = b.length;
        double[] z = new double[q];
        for (int i = 0; i < q; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[q];
        for (int i = q - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < q; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Inverse of A, or null if A is not positive definite. */
    static double[][] inverse(double[][] a) {
        double[][] l = factor(a);
        if (l == null) {
            return null;
        }
        int q = a.length;
        double[][] inv = new double[q][];
        for (int j = 0; j < q; j++) {
            double[] e = new double[q];
            e[j] = 1;
            inv[j] = substitute(l, e);
        }
        return inv;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/**
 * An axial image grid in patient coordinates. Column index i runs along x ({@code xSign} = +1 for
 * head-first, -1 for feet-first supine), row index j along y, and slices are in stored (instance)
 * order with positions {@code z[k]}.
 */
record Grid(int columns, int rows, double pixel, double spacing, int xSign, double x0, double y0, double[] z) {

    int slices() {
        return z.length;
    }

    double x(double column) {
        return x0 + xSign * column * pixel;
    }

    double y(double row) {
        return y0 + row * pixel;
    }

    double column(double x) {
        return (x - x0) / (xSign * pixel);
    }

    double row(double y) {
        return (y - y0) / pixel;
    }

    /** Stored index of the slice nearest to z. */
    int nearestSlice(double zz) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (Math.abs(z[k] - zz) < Math.abs(z[best] - zz)) {
                best = k;
            }
        }
        return best;
    }

    double[] orientation() {
        return new double[] {xSign, 0, 0, 0, 1, 0};
    }

    double minZ() {
        return Math.min(z[0], z[z.length - 1]);
    }

    double maxZ() {
        return Math.max(z[0], z[z.length - 1]);
    }

    /** Column range [lo, hi] (clamped) covering x in [a, b]. */
    int[] columnRange(double a, double b) {
        double ca = column(a);
        double cb = column(b);
        int lo = (int) Math.floor(Math.min(ca, cb));
        int hi = (int) Math.ceil(Math.max(ca, cb));
        return new int[] {Math.max(0, lo), Math.min(columns - 1, hi)};
    }

    int[] rowRange(double a, double b) {
        int lo = (int) Math.floor(row(Math.min(a, b)));
        int hi = (int) Math.ceil(row(Math.max(a, b)));
        return new int[] {Math.max(0, lo), Math.min(rows - 1, hi)};
    }
}

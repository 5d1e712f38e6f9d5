/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

/**
 * Clips values to {@code [lo, hi]} and scales them linearly to {@code [0, 1]}:
 * {@code (min(max(v, lo), hi) - lo) / (hi - lo)}. The paper clips CT to [-500, 200] HU and PET to
 * [0.01, 20] SUV before scaling (METHOD.md section 2). NaN becomes 0.
 */
public record Intensity(double lo, double hi) {

    /** CT window of the paper, HU. */
    public static final Intensity CT = new Intensity(-500, 200);
    /** PET window of the paper, SUV. */
    public static final Intensity PET = new Intensity(0.01, 20);

    public Intensity {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("Intensity needs finite lo < hi, got lo = " + lo + ", hi = " + hi);
        }
    }

    /** The scaled value of {@code v}, in [0, 1]. */
    public float apply(double v) {
        if (Double.isNaN(v)) {
            return 0f;
        }
        double c = v < lo ? lo : Math.min(v, hi);
        return (float) ((c - lo) / (hi - lo));
    }

    /** A new array of the scaled values. */
    public float[] apply(float[] values) {
        float[] out = new float[values.length];
        for (int n = 0; n < values.length; n++) {
            out[n] = apply(values[n]);
        }
        return out;
    }
}

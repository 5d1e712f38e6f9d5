/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.metrics;

/**
 * Mean and sample standard deviation (divisor n - 1, 0 for a single value) of per-case values, as
 * the paper reports Dice "0.861 +/- 0.037".
 */
public record MeanSd(double mean, double sd, int n) {

    public static MeanSd of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("mean and SD need at least one value");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new MeanSd(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0, values.length);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.metrics;

import java.util.function.IntPredicate;

/**
 * The Dice similarity coefficient (DSC; L. R. Dice, Ecology 26, 1945) of two binary masks,
 * {@code 2 |A ∩ B| / (|A| + |B|)}, as the paper reports it. Inputs are binarised first: a voxel is
 * in the mask when its value is above {@link #THRESHOLD} (probabilities or 0/1 masks alike). Two
 * empty masks agree perfectly: Dice 1.
 */
public final class DiceMetric {

    public static final double THRESHOLD = 0.5;

    private DiceMetric() {
    }

    public static double dice(float[] prediction, float[] truth) {
        checkLengths(prediction.length, truth.length);
        return dice(prediction.length, i -> prediction[i] > THRESHOLD, i -> truth[i] > THRESHOLD);
    }

    /** Dice of two 0/1 masks. */
    public static double dice(byte[] prediction, byte[] truth) {
        checkLengths(prediction.length, truth.length);
        return dice(prediction.length, i -> prediction[i] != 0, i -> truth[i] != 0);
    }

    private static double dice(int n, IntPredicate inPrediction, IntPredicate inTruth) {
        long both = 0;
        long a = 0;
        long b = 0;
        for (int i = 0; i < n; i++) {
            boolean p = inPrediction.test(i);
            boolean t = inTruth.test(i);
            a += p ? 1 : 0;
            b += t ? 1 : 0;
            both += p && t ? 1 : 0;
        }
        return a + b == 0 ? 1.0 : 2.0 * both / (a + b);
    }

    private static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("prediction has " + a + " voxels, truth " + b);
        }
    }
}

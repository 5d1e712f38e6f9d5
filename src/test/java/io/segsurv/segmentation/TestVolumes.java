/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation;

import java.util.ArrayList;
import java.util.List;

/** Seeded test inputs. */
public final class TestVolumes {

    private TestVolumes() {
    }

    /** {@code n} values, standard normal, from {@code seed}. */
    public static float[] gaussian(int n, long seed) {
        SeededRandom r = new SeededRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** {@code count} Gaussian images of {@code n} values each, seeds {@code seed, seed + 1, ...}. */
    public static List<float[]> gaussianImages(int count, int n, long seed) {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(gaussian(n, seed + i));
        }
        return images;
    }

    /** Largest absolute difference of two arrays of equal length. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}

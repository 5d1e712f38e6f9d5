/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.SplittableRandom;

/**
 * Deterministic random numbers for the synthetic cohort. Every stream is derived from the cohort
 * seed and a fixed path of integers (patient, purpose, slice, ...), so values never depend on
 * thread scheduling or on how many patients are generated.
 */
final class Rng {

    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A stream for the given path below {@code seed}. */
    static Rng of(long seed, long... path) {
        return new Rng(mix(seed, path));
    }

    /** SplitMix64-style mixing of a seed with a path of integers. */
    static long mix(long seed, long... path) {
        long h = finalise(seed ^ 0x5EC5_0A5E_D1CE_2019L);
        for (long p : path) {
            h = finalise(h + 0x9E37_79B9_7F4A_7C15L * (p + 1));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    double logUniform(double lo, double hi) {
        return StrictMath.exp(uniform(StrictMath.log(lo), StrictMath.log(hi)));
    }

    /** Standard normal by the polar method, with StrictMath so results are the same on every JVM. */
    double gaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    double gaussian(double mean, double sd) {
        return mean + sd * gaussian();
    }

    double clampedGaussian(double mean, double sd, double lo, double hi) {
        return Math.max(lo, Math.min(hi, gaussian(mean, sd)));
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    int nextInt(int lo, int hiInclusive) {
        return lo + random.nextInt(hiInclusive - lo + 1);
    }

    /** Exponential with the given rate. */
    double exponential(double rate) {
        return -StrictMath.log(1 - random.nextDouble()) / rate;
    }

    /** A uniformly distributed unit vector. */
    double[] unitVector() {
        double z = uniform(-1, 1);
        double phi = uniform(0, 2 * Math.PI);
        double r = StrictMath.sqrt(1 - z * z);
        return new double[] {r * StrictMath.cos(phi), r * StrictMath.sin(phi), z};
    }

    /** Fast standard normal for image noise (the JDK's ziggurat); each slice has its own stream. */
    double fastGaussian() {
        return random.nextGaussian();
    }
}

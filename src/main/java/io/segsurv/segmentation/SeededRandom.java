/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation;

/**
 * A small random generator whose whole state is one {@code long}, so a training run can save it in
 * a checkpoint and continue the same sequence after a restart (java.util.SplittableRandom hides
 * its state). The generator is SplitMix64 (G. L. Steele, D. Lea, C. H. Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014): a Weyl sequence with step
 * {@code 0x9E3779B97F4A7C15} passed through a 64-bit mixing function.
 *
 * <p>Not thread-safe; not for cryptography.
 */
public final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose sequence depends only on {@code seed}. */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator continuing from a state returned by {@link #state()}. */
    public static SeededRandom restore(long state) {
        return new SeededRandom(state);
    }

    /** The current state: {@code restore(state())} continues with the same numbers as this generator. */
    public long state() {
        return state;
    }

    /** An independent generator for a sub-task, derived from this one's next number and {@code stream}. */
    public SeededRandom split(long stream) {
        return new SeededRandom(mix(nextLong() ^ mix(stream + GOLDEN_GAMMA)));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-limit, limit). */
    public double nextSymmetric(double limit) {
        return (2 * nextDouble() - 1) * limit;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long r = nextLong() >>> 32;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Standard normal by Box-Muller; uses two uniforms per value so that the state stays one number. */
    public double nextGaussian() {
        double u = 1.0 - nextDouble(); // (0, 1]
        double v = nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

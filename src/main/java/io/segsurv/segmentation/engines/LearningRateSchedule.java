/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

/**
 * The learning rate of each epoch from the base rate.
 *
 * @param kind CONSTANT; STEP: multiplied by {@code factor} every {@code every} epochs; COSINE: from
 *     the base rate down to {@code factor x base} over the epochs along half a cosine (Loshchilov
 *     and Hutter, "SGDR", ICLR 2017, without restarts)
 * @param every epochs per step (STEP only)
 * @param factor the step's multiplier (STEP) or the final fraction of the base rate (COSINE)
 */
public record LearningRateSchedule(Kind kind, int every, double factor) {

    public enum Kind { CONSTANT, STEP, COSINE }

    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 1, 1);

    public static LearningRateSchedule step(int every, double factor) {
        return new LearningRateSchedule(Kind.STEP, every, factor);
    }

    public static LearningRateSchedule cosine(double finalFraction) {
        return new LearningRateSchedule(Kind.COSINE, 1, finalFraction);
    }

    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule kind is required");
        }
        if (every < 1) {
            throw new IllegalArgumentException("schedule step must be at least 1 epoch, got " + every);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("schedule factor must be in (0, 1], got " + factor);
        }
    }

    /** The rate of epoch {@code epoch} (1-based) of {@code epochs}. */
    public double rate(double base, int epoch, int epochs) {
        return switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(factor, (epoch - 1) / every);
            case COSINE -> {
                double progress = epochs <= 1 ? 0 : (epoch - 1) / (double) (epochs - 1);
                yield base * (factor + (1 - factor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
            }
        };
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.segmentation.networks.UNetConfig;
import io.segsurv.segmentation.transforms.AugmentationOptions;
import java.util.Objects;

/**
 * Everything that determines a training run, stored in its checkpoints.
 *
 * @param network the U-Net
 * @param seed seeds the initial weights, the split, the case order and the augmentation
 * @param validationFraction share of the cases held out for validation (paper: 22 / 60)
 * @param batchSize cases per step (paper: 1)
 * @param maxEpochs upper limit of epochs (paper: 20)
 * @param passesPerEpoch how often each training case is drawn per epoch, each time augmented anew
 *     (1: an epoch is one pass; the paper's "over 3,000 augmented pairs" from 38 cases is about 80)
 * @param learningRate Adam's base step size
 * @param weightDecay L2 weight decay added to the gradients (as torch.optim.Adam's weight_decay)
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator term
 * @param schedule learning rate per epoch
 * @param patience stop after this many epochs without a better validation Dice (early stopping)
 * @param minDelta the improvement in mean validation Dice that counts as better
 * @param augmentation random spatial augmentation of the training cases
 * @param device {@code cpu} or {@code gpu} (exact reproducibility holds on one device)
 */
public record TrainingOptions(UNetConfig network, long seed, double validationFraction, int batchSize, int maxEpochs,
        int passesPerEpoch, double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
        LearningRateSchedule schedule, int patience, double minDelta, AugmentationOptions augmentation, String device) {

    public TrainingOptions {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(device, "device");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be between 0 and 1 (exclusive), got " + validationFraction);
        }
        positive("batchSize", batchSize);
        positive("maxEpochs", maxEpochs);
        positive("passesPerEpoch", passesPerEpoch);
        positive("patience", patience);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** Defaults for {@code network}; see {@link Builder}. */
    public static Builder builder(UNetConfig network) {
        return new Builder(network);
    }

    /** The same options with another epoch limit (allowed when resuming). */
    public TrainingOptions withMaxEpochs(int epochs) {
        return new TrainingOptions(network, seed, validationFraction, batchSize, epochs, passesPerEpoch, learningRate, weightDecay,
                beta1, beta2, epsilon, schedule, patience, minDelta, augmentation, device);
    }

    /** The same options on another device (allowed when resuming). */
    public TrainingOptions withDevice(String d) {
        return new TrainingOptions(network, seed, validationFraction, batchSize, maxEpochs, passesPerEpoch, learningRate,
                weightDecay, beta1, beta2, epsilon, schedule, patience, minDelta, augmentation, d);
    }

    /**
     * Defaults: seed 1, validation 22/60, batch 1, 20 epochs, one pass per epoch, Adam with rate
     * 1e-4, weight decay 1e-5, betas 0.9 / 0.999, epsilon 1e-8, constant rate, patience 5, min delta
     * 0, {@link AugmentationOptions#DEFAULT}, CPU.
     */
    public static final class Builder {
        private final UNetConfig network;
        private long seed = 1;
        private double validationFraction = PatientSplit.PAPER_VALIDATION_FRACTION;
        private int batchSize = 1;
        private int maxEpochs = 20;
        private int passesPerEpoch = 1;
        private double learningRate = 1e-4;
        private double weightDecay = 1e-5;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
        private int patience = 5;
        private double minDelta;
        private AugmentationOptions augmentation = AugmentationOptions.DEFAULT;
        private String device = "cpu";

        private Builder(UNetConfig network) {
            this.network = network;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder maxEpochs(int v) {
            maxEpochs = v;
            return this;
        }

        public Builder passesPerEpoch(int v) {
            passesPerEpoch = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        public Builder schedule(LearningRateSchedule v) {
            schedule = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder minDelta(double v) {
            minDelta = v;
            return this;
        }

        public Builder augmentation(AugmentationOptions v) {
            augmentation = v;
            return this;
        }

        public Builder device(String v) {
            device = v;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(network, seed, validationFraction, batchSize, maxEpochs, passesPerEpoch, learningRate,
                    weightDecay, beta1, beta2, epsilon, schedule, patience, minDelta, augmentation, device);
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link SegmentationTrainer#train}.
 *
 * @param status why training ended
 * @param epochs epochs completed (all runs together)
 * @param bestEpoch the epoch with the best mean validation Dice (0 if no epoch finished)
 * @param bestValidationDice that mean Dice (-1 if no epoch finished)
 * @param bestModel the best weights ({@code best-model.safetensors} in the checkpoint directory), null if no epoch finished
 * @param split training and validation case ids
 * @param history the metrics of every completed epoch
 */
public record TrainingResult(Status status, int epochs, int bestEpoch, double bestValidationDice, Path bestModel,
        PatientSplit split, List<EpochMetrics> history) {

    public enum Status {
        /** All {@code maxEpochs} epochs ran. */
        COMPLETED,
        /** No better validation Dice for {@code patience} epochs. */
        EARLY_STOPPED,
        /** The cancel flag was raised or the thread interrupted; the last checkpoint is the last finished epoch. */
        CANCELLED
    }

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** Mean wall time of a training step over all epochs, NaN before the first epoch. */
    public double secondsPerStep() {
        return history.stream().mapToDouble(EpochMetrics::secondsPerStep).average().orElse(Double.NaN);
    }
}

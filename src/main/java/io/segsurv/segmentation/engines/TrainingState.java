/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import java.util.List;

/**
 * The bookkeeping of a run after a completed epoch, stored as {@code state.json} in the checkpoint;
 * with the weights and the optimizer moments it is everything a resumed run needs to continue
 * exactly as an uninterrupted one.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param options the run's options
 * @param split training and validation ids
 * @param epoch epochs completed
 * @param randomState the state of the run's generator (case order and augmentation) for the next epoch
 * @param optimizerSteps Adam's step count
 * @param bestEpoch epoch of the best mean validation Dice (0 before any)
 * @param bestValidationDice that Dice (-1 before any)
 * @param epochsWithoutImprovement epochs since the best one, for early stopping
 * @param status null while the run may continue, otherwise why it ended
 * @param history metrics of every completed epoch
 */
public record TrainingState(int formatVersion, TrainingOptions options, PatientSplit split, int epoch, long randomState,
        long optimizerSteps, int bestEpoch, double bestValidationDice, int epochsWithoutImprovement,
        TrainingResult.Status status, List<EpochMetrics> history) {

    public static final int FORMAT_VERSION = 1;

    public TrainingState {
        history = List.copyOf(history);
    }
}

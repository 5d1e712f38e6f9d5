/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch achieved, as delivered to {@link TrainingListener#onEpoch} and kept in the
 * checkpoint's history.
 *
 * @param epoch 1-based
 * @param learningRate the rate used in this epoch
 * @param trainLoss mean Dice + BCE loss over the epoch's training cases (augmented)
 * @param trainDice mean Dice of the binarised training predictions during the epoch's steps
 * @param validationDice Dice per validation case (prediction above 0.5 against the mask), by id
 * @param validationMean mean of {@code validationDice}
 * @param validationSd sample standard deviation of {@code validationDice}
 * @param improved whether this epoch set a new best validation mean (and its weights became the best model)
 * @param steps optimisation steps in this epoch
 * @param secondsPerStep mean wall time of a training step (forward, backward, update)
 * @param seconds wall time of the whole epoch, validation included
 */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainDice, Map<String, Double> validationDice,
        double validationMean, double validationSd, boolean improved, int steps, double secondsPerStep, double seconds) {

    public EpochMetrics {
        validationDice = Collections.unmodifiableMap(new LinkedHashMap<>(validationDice));
    }
}

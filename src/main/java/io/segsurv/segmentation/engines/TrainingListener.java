/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

/**
 * Receives a training run's progress, on the training thread. {@link #onEpoch} is called after the
 * epoch's checkpoint is on disk, so whatever the listener records is never ahead of what a resumed
 * run would know.
 */
@FunctionalInterface
public interface TrainingListener {

    void onEpoch(EpochMetrics metrics);

    default void onStep(StepProgress progress) {
    }

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return m -> {
        };
    }
}

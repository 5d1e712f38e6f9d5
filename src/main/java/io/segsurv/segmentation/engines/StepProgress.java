/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

/** Live progress after each training step: epoch (1-based), step (1-based) of steps, the step's loss. */
public record StepProgress(int epoch, int step, int steps, double loss, double seconds) {
}

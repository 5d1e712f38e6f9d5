/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.segsurv.segmentation.losses.DiceBceLoss;
import io.segsurv.segmentation.metrics.DiceMetric;
import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.networks.UNetConfig;
import java.util.List;

/**
 * One optimisation step on one batch (used by the trainer; public for benchmarks and custom loops): forward in training mode, Dice + BCE loss, backward, Adam
 * update. All activations live in a sub-manager closed before returning, so native memory does not
 * grow from step to step.
 */
public final class TrainingStep {

    /** The batch's loss before the update and the Dice of each case's binarised prediction. */
    public record Outcome(double loss, double[] dice) {
    }

    private TrainingStep() {
    }

    public static Outcome run(SegmentationModel model, AdamOptimizer adam, List<float[]> images, List<float[]> masks, double learningRate) {
        UNetConfig c = model.config();
        int n = images.size();
        float[] target = new float[n * c.voxels()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(masks.get(i), 0, target, i * c.voxels(), c.voxels());
        }
        try (NDManager step = model.manager().newSubManager()) {
            NDArray x = model.batch(step, images);
            NDArray y = step.create(target, new Shape(n, 1, c.nz(), c.ny(), c.nx()));
            NDList out;
            NDArray loss;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                out = model.network().forward(model.parameterStore(), new NDList(x), true);
                loss = DiceBceLoss.evaluate(out.get(1), y);
                collector.backward(loss);
            }
            double lossValue = loss.getFloat();
            if (!Double.isFinite(lossValue)) {
                throw new ArithmeticException("the training loss is " + lossValue + ": lower the learning rate (" + learningRate
                        + ") or check the input intensities");
            }
            adam.step(learningRate);
            float[] p = out.get(0).toFloatArray();
            double[] dice = new double[n];
            for (int i = 0; i < n; i++) {
                float[] pi = new float[c.voxels()];
                System.arraycopy(p, i * c.voxels(), pi, 0, c.voxels());
                dice[i] = DiceMetric.dice(pi, masks.get(i));
            }
            return new Outcome(lossValue, dice);
        }
    }
}

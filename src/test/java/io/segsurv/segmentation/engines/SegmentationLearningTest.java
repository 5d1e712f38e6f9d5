/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;

import io.segsurv.imaging.CropGrid;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import io.segsurv.segmentation.metrics.DiceMetric;
import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.networks.UNetConfig;
import io.segsurv.segmentation.transforms.AugmentationOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network learns to segment: synthetic NSCLC patients in real DICOM, pre-processed by the
 * application's pipeline onto 48 x 48 x 24 voxels of 2 mm (the paper's 96 x 96 x 48 mm field of
 * view), a 4-level U-Net with 8 base channels, 60 patients (45 to train, 15 to validate), 14 epochs;
 * the mean validation Dice must reach 0.80 (the paper reports 0.861 on real CT at full size). Tumours
 * may touch the chest wall or the mediastinum, where CT shows no edge: with 40 patients one such
 * validation case stayed below Dice 0.3 and the mean at 0.815 (best epoch); with 60 the validation
 * mean is above 0.82 from epoch 4 on and reaches 0.887 (measured 2026-11-28).
 */
class SegmentationLearningTest {

    @TempDir
    Path dir;

    @Test
    void validationDiceReaches080OnSyntheticCt() throws Exception {
        long t0 = System.nanoTime();
        List<TrainingCase> cases = SyntheticCohortCases.ct(60, 11, new CropGrid(48, 48, 24, 2, 2, 2), dir);
        long t1 = System.nanoTime();
        UNetConfig network = new UNetConfig(48, 48, 24, 1, List.of(8, 16, 32, 64), true);
        TrainingOptions options = TrainingOptions.builder(network).seed(3).validationFraction(0.25).learningRate(3e-3)
                .schedule(LearningRateSchedule.cosine(0.1)).maxEpochs(14).patience(14).augmentation(new AugmentationOptions(0.05, 10, true, true, false)).build();
        TrainingResult r = new SegmentationTrainer(options, CaseSource.of(cases), dir.resolve("run"))
                .train(m -> System.out.printf("epoch %d: loss %.4f, train Dice %.3f, validation Dice %.3f +/- %.3f, %.3f s/step%n",
                        m.epoch(), m.trainLoss(), m.trainDice(), m.validationMean(), m.validationSd(), m.secondsPerStep()), () -> false);
        System.out.printf("data %.1f s, training %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        assertThat(r.split().validation()).hasSize(15);
        assertThat(r.bestValidationDice()).isGreaterThanOrEqualTo(0.80);

        // the kept best model predicts the validation masks with that Dice
        try (SegmentationModel best = SegmentationModel.load(r.bestModel(), Device.cpu())) {
            SegmentationInferer inferer = new SegmentationInferer(best);
            double sum = 0;
            for (TrainingCase c : cases) {
                if (r.split().validation().contains(c.id())) {
                    sum += DiceMetric.dice(inferer.mask(c.image()), bytes(c.mask()));
                }
            }
            assertThat(sum / r.split().validation().size()).isCloseTo(r.bestValidationDice(), offset(1e-9));
        }
    }

    private static byte[] bytes(float[] mask) {
        byte[] b = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            b[i] = (byte) mask[i];
        }
        return b;
    }
}

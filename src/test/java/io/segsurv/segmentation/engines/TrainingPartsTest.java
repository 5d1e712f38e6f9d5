/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.segsurv.segmentation.networks.UNetConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Split, schedule, Adam and options, each against values worked out by hand. */
class TrainingPartsTest {

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("P" + i);
        }
        return ids;
    }

    @Test
    void paperSplitIs38To22AndDependsOnTheSeedNotTheOrder() {
        PatientSplit s = PatientSplit.of(ids(60), PatientSplit.PAPER_VALIDATION_FRACTION, 7);
        assertThat(s.training()).hasSize(38);
        assertThat(s.validation()).hasSize(22).doesNotContainAnyElementsOf(s.training());
        List<String> shuffled = ids(60);
        Collections.reverse(shuffled);
        assertThat(PatientSplit.of(shuffled, PatientSplit.PAPER_VALIDATION_FRACTION, 7)).isEqualTo(s);
        assertThat(PatientSplit.of(ids(60), PatientSplit.PAPER_VALIDATION_FRACTION, 8)).isNotEqualTo(s);
        assertThat(PatientSplit.of(ids(2), 0.01, 1).validation()).hasSize(1);
        assertThat(PatientSplit.of(ids(2), 0.99, 1).training()).hasSize(1);
        assertThatThrownBy(() -> PatientSplit.of(ids(1), 0.5, 1)).hasMessageContaining("at least 2 cases");
        assertThatThrownBy(() -> PatientSplit.of(List.of("a", "a", "b"), 0.5, 1)).hasMessageContaining("unique");
    }

    @Test
    void learningRateSchedules() {
        assertThat(LearningRateSchedule.CONSTANT.rate(1e-3, 7, 20)).isEqualTo(1e-3);
        // halved every 5 epochs: epochs 1-5 full, 6-10 half, 11-15 a quarter
        LearningRateSchedule step = LearningRateSchedule.step(5, 0.5);
        assertThat(step.rate(1, 5, 20)).isEqualTo(1);
        assertThat(step.rate(1, 6, 20)).isEqualTo(0.5);
        assertThat(step.rate(1, 11, 20)).isEqualTo(0.25);
        // cosine from 1 to 0.1 over 11 epochs: the middle epoch (6) gets 0.1 + 0.9 * 0.5 = 0.55
        LearningRateSchedule cosine = LearningRateSchedule.cosine(0.1);
        assertThat(cosine.rate(1, 1, 11)).isCloseTo(1, offset(1e-12));
        assertThat(cosine.rate(1, 6, 11)).isCloseTo(0.55, offset(1e-12));
        assertThat(cosine.rate(1, 11, 11)).isCloseTo(0.1, offset(1e-12));
        assertThatThrownBy(() -> LearningRateSchedule.step(0, 0.5)).hasMessageContaining("at least 1 epoch");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(0)).hasMessageContaining("(0, 1]");
    }

    @Test
    void adamFollowsKingmaAndBaWithL2WeightDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.BIAS).optShape(new Shape(2)).build();
            p.initialize(manager, DataType.FLOAT32);
            p.getArray().set(new float[] {1f, -2f});
            double lr = 0.1;
            double wd = 0.01;
            try (AdamOptimizer adam = new AdamOptimizer(Map.of("w", p), manager, 0.9, 0.999, 1e-8, wd)) {
                double[] w = {1, -2};
                double[] m = new double[2];
                double[] v = new double[2];
                for (int t = 1; t <= 3; t++) {
                    // loss = sum(w^3) / 3, gradient w^2
                    try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                        NDArray x = p.getArray();
                        gc.backward(x.pow(3).sum().div(3));
                    }
                    adam.step(lr);
                    for (int i = 0; i < 2; i++) {
                        double g = w[i] * w[i] + wd * w[i];
                        m[i] = 0.9 * m[i] + 0.1 * g;
                        v[i] = 0.999 * v[i] + 0.001 * g * g;
                        double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                        w[i] -= lr / (1 - Math.pow(0.9, t)) * m[i] / denominator;
                    }
                    float[] actual = p.getArray().toFloatArray();
                    assertThat((double) actual[0]).isCloseTo(w[0], offset(1e-6));
                    assertThat((double) actual[1]).isCloseTo(w[1], offset(1e-6));
                    // gradients are zeroed after the update
                    assertThat(p.getArray().getGradient().abs().sum().getFloat()).isZero();
                }
                assertThat(adam.state()).extracting(t -> t.name()).containsExactly("m.w", "v.w");
            }
        }
    }

    @Test
    void optionsAreValidated() {
        UNetConfig c = new UNetConfig(16, 16, 8, 1, List.of(4, 8), false);
        assertThatThrownBy(() -> TrainingOptions.builder(c).batchSize(0).build()).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> TrainingOptions.builder(c).learningRate(0).build()).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> TrainingOptions.builder(c).validationFraction(1).build()).hasMessageContaining("validationFraction");
        assertThatThrownBy(() -> TrainingOptions.builder(c).betas(1, 0.9).build()).hasMessageContaining("beta1");
        assertThatThrownBy(() -> TrainingOptions.builder(c).patience(0).build()).hasMessageContaining("patience");
        TrainingOptions o = TrainingOptions.builder(c).build();
        assertThat(o.maxEpochs()).isEqualTo(20);
        assertThat(o.batchSize()).isEqualTo(1);
        assertThat(o.validationFraction()).isEqualTo(22.0 / 60);
    }

    @Test
    void trainingCasesFromPreprocessedCasesAndTheirChecks() {
        assertThatThrownBy(() -> new TrainingCase("a", new float[4], new float[] {0, 1, 0.5f, 0})).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> new TrainingCase("a", new float[5], new float[4])).hasMessageContaining("whole channels");
        assertThatThrownBy(() -> new TrainingCase(" ", new float[4], new float[4])).hasMessageContaining("blank");
        assertThatThrownBy(() -> CaseSource.of(List.of(new TrainingCase("a", new float[1], new float[1]),
                new TrainingCase("a", new float[1], new float[1])))).hasMessageContaining("twice");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.segsurv.segmentation.TestVolumes;
import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.networks.UNetConfig;
import io.segsurv.segmentation.networks.WeightFile;
import io.segsurv.segmentation.transforms.AugmentationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationTrainerTest {

    private static final UNetConfig TINY = new UNetConfig(16, 16, 8, 1, List.of(4, 8, 16), true);
    private static final List<TrainingCase> CASES = Ellipsoids.cases(8, 16, 16, 8, 3);

    @TempDir
    Path dir;

    private static TrainingOptions.Builder tiny() {
        return TrainingOptions.builder(TINY).seed(5).learningRate(3e-3).validationFraction(0.25).batchSize(2).maxEpochs(3)
                .patience(10).augmentation(AugmentationOptions.DEFAULT);
    }

    @Test
    void repeatedStepsOnOneBatchReduceTheLoss() {
        List<float[]> images = CASES.subList(0, 2).stream().map(TrainingCase::image).toList();
        List<float[]> masks = CASES.subList(0, 2).stream().map(TrainingCase::mask).toList();
        try (SegmentationModel model = SegmentationModel.create(TINY, Device.cpu(), 1);
                AdamOptimizer adam = new AdamOptimizer(model.parameters(), model.manager(), 0.9, 0.999, 1e-8, 0)) {
            // each step reports the batch's loss before its update, i.e. after the previous step
            double[] losses = new double[20];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = TrainingStep.run(model, adam, images, masks, 1e-2).loss();
            }
            assertThat(adam.steps()).isEqualTo(20);
            assertThat(losses[1]).as("loss after one step, all: %s", java.util.Arrays.toString(losses)).isLessThan(losses[0]);
            for (int i = 1; i < 6; i++) {
                assertThat(losses[i]).as("step %d of %s", i, java.util.Arrays.toString(losses)).isLessThan(losses[i - 1]);
            }
            assertThat(losses[19]).isLessThan(0.75 * losses[0]);
        }
    }

    @Test
    void resumingAfterTwoEpochsEqualsThreeEpochsStraight() throws IOException {
        TrainingResult straight = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir.resolve("straight"))
                .train(TrainingListener.none(), () -> false);
        TrainingResult firstPart = new SegmentationTrainer(tiny().maxEpochs(2).build(), CaseSource.of(CASES), dir.resolve("resumed"))
                .train(TrainingListener.none(), () -> false);
        assertThat(firstPart.epochs()).isEqualTo(2);
        assertThat(firstPart.status()).isEqualTo(TrainingResult.Status.COMPLETED);
        TrainingResult resumed = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir.resolve("resumed"))
                .train(TrainingListener.none(), () -> false);
        assertSameRun(straight, resumed, dir.resolve("straight"), dir.resolve("resumed"));
    }

    @Test
    void cancellingInTheMiddleOfAnEpochAndResumingEqualsAnUninterruptedRun() throws IOException {
        TrainingResult straight = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir.resolve("straight"))
                .train(TrainingListener.none(), () -> false);
        AtomicInteger steps = new AtomicInteger();
        TrainingListener counting = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
            }

            @Override
            public void onStep(StepProgress progress) {
                steps.incrementAndGet();
            }
        };
        // 6 training cases, batch 2: 3 steps per epoch; cancel after the first step of epoch 2
        TrainingResult cancelled = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir.resolve("resumed"))
                .train(counting, () -> steps.get() >= 4);
        assertThat(cancelled.status()).isEqualTo(TrainingResult.Status.CANCELLED);
        assertThat(cancelled.epochs()).isEqualTo(1);
        TrainingResult resumed = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir.resolve("resumed"))
                .train(TrainingListener.none(), () -> false);
        assertSameRun(straight, resumed, dir.resolve("straight"), dir.resolve("resumed"));
    }

    private static void assertSameRun(TrainingResult a, TrainingResult b, Path dirA, Path dirB) throws IOException {
        assertThat(b.status()).isEqualTo(a.status()).isEqualTo(TrainingResult.Status.COMPLETED);
        assertThat(b.epochs()).isEqualTo(3);
        assertThat(b.split()).isEqualTo(a.split());
        for (int e = 0; e < 3; e++) {
            EpochMetrics ma = a.history().get(e);
            EpochMetrics mb = b.history().get(e);
            assertThat(mb.trainLoss()).isCloseTo(ma.trainLoss(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(mb.validationDice()).isEqualTo(ma.validationDice());
        }
        WeightFile.Contents wa = WeightFile.read(dirA.resolve("epoch-0003").resolve(CheckpointStore.MODEL));
        WeightFile.Contents wb = WeightFile.read(dirB.resolve("epoch-0003").resolve(CheckpointStore.MODEL));
        assertThat(wb.tensors().keySet()).isEqualTo(wa.tensors().keySet());
        double largest = 0;
        for (String name : wa.tensors().keySet()) {
            largest = Math.max(largest, TestVolumes.maxAbsDiff(wa.tensor(name).data(), wb.tensor(name).data()));
        }
        assertThat(largest).isLessThanOrEqualTo(1e-6);
        WeightFile.Contents adamA = WeightFile.read(dirA.resolve("epoch-0003").resolve(CheckpointStore.OPTIMIZER));
        WeightFile.Contents adamB = WeightFile.read(dirB.resolve("epoch-0003").resolve(CheckpointStore.OPTIMIZER));
        assertThat(adamB.metadata()).isEqualTo(adamA.metadata());
        // and the run really moved the weights: the initial ones are far from the final ones
        try (SegmentationModel initial = SegmentationModel.create(TINY, Device.cpu(), 5)) {
            WeightFile.Tensor first = initial.weights().getFirst();
            assertThat(TestVolumes.maxAbsDiff(first.data(), wa.tensor(first.name()).data())).isGreaterThan(1e-3);
        }
    }

    @Test
    void checkpointHoldsTheLatestEpochTheBestModelAndTheHistory() throws IOException {
        List<EpochMetrics> seen = new ArrayList<>();
        List<StepProgress> steps = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                assertThat(dir.resolve(String.format("epoch-%04d", metrics.epoch()))).isDirectory();
                seen.add(metrics);
            }

            @Override
            public void onStep(StepProgress progress) {
                steps.add(progress);
            }
        };
        TrainingResult r = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir, Map.of("modality", "CT"))
                .train(listener, () -> false);
        assertThat(seen).hasSize(3).isEqualTo(r.history());
        assertThat(steps).hasSize(9).allSatisfy(s -> assertThat(s.steps()).isEqualTo(3));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("best-model.safetensors", "epoch-0003");
        }
        assertThat(dir.resolve("epoch-0003")).isDirectoryContaining("glob:**/state.json")
                .isDirectoryContaining("glob:**/model.safetensors").isDirectoryContaining("glob:**/optimizer.safetensors");
        EpochMetrics last = r.history().getLast();
        assertThat(r.split().validation()).hasSize(2);
        assertThat(r.split().training()).hasSize(6);
        assertThat(last.validationDice().keySet()).containsExactlyElementsOf(r.split().validation());
        assertThat(last.validationMean()).isBetween(0.0, 1.0);
        assertThat(last.steps()).isEqualTo(3);
        assertThat(r.bestEpoch()).isBetween(1, 3);
        assertThat(r.bestValidationDice()).isEqualTo(r.history().get(r.bestEpoch() - 1).validationMean());

        WeightFile.Contents best = WeightFile.read(r.bestModel());
        assertThat(best.metadata()).containsEntry("epoch", Integer.toString(r.bestEpoch())).containsEntry("modality", "CT")
                .containsEntry("seed", "5").containsEntry("validation_cases", String.join(",", r.split().validation()))
                .containsKey("training_options");
        try (SegmentationModel m = SegmentationModel.load(r.bestModel(), Device.cpu())) {
            assertThat(m.config()).isEqualTo(TINY);
        }
        // a finished run is not trained again
        TrainingResult again = new SegmentationTrainer(tiny().build(), CaseSource.of(CASES), dir).train(TrainingListener.none(),
                () -> {
                    throw new AssertionError("no step expected");
                });
        assertThat(again.history()).isEqualTo(r.history());
    }

    @Test
    void earlyStoppingAfterPatienceEpochsWithoutImprovement() throws IOException {
        // the first epoch is the first best; none after it can improve the mean Dice by 2
        TrainingResult r = new SegmentationTrainer(tiny().maxEpochs(10).patience(2).minDelta(2).build(), CaseSource.of(CASES), dir)
                .train(TrainingListener.none(), () -> false);
        assertThat(r.status()).isEqualTo(TrainingResult.Status.EARLY_STOPPED);
        assertThat(r.epochs()).isEqualTo(3);
        assertThat(r.bestEpoch()).isEqualTo(1);
        assertThat(r.history()).extracting(EpochMetrics::improved).containsExactly(true, false, false);
    }

    @Test
    void resumingWithOtherOptionsIsRefused() throws IOException {
        new SegmentationTrainer(tiny().maxEpochs(1).build(), CaseSource.of(CASES), dir).train(TrainingListener.none(), () -> false);
        assertThatThrownBy(() -> new SegmentationTrainer(tiny().learningRate(1e-3).build(), CaseSource.of(CASES), dir)
                .train(TrainingListener.none(), () -> false)).hasMessageContaining("other options");
        assertThatThrownBy(() -> new SegmentationTrainer(tiny().maxEpochs(2).build(), CaseSource.of(CASES.subList(1, 8)), dir)
                .train(TrainingListener.none(), () -> false)).hasMessageContaining("no longer among the cases");
    }

    @Test
    void casesOfTheWrongSizeAreNamed() {
        List<TrainingCase> wrong = Ellipsoids.cases(4, 8, 8, 8, 1);
        assertThatThrownBy(() -> new SegmentationTrainer(tiny().build(), CaseSource.of(wrong), dir)
                .train(TrainingListener.none(), () -> false)).hasMessageContaining("case-00").hasMessageContaining("needs 2048");
    }
}

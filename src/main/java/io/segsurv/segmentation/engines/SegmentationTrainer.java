/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.segmentation.SeededRandom;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import io.segsurv.segmentation.metrics.DiceMetric;
import io.segsurv.segmentation.metrics.MeanSd;
import io.segsurv.segmentation.networks.Devices;
import io.segsurv.segmentation.networks.GradMode;
import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.networks.UNetConfig;
import io.segsurv.segmentation.transforms.SpatialAugmentation;
import io.segsurv.segmentation.transforms.SpatialTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains a {@link io.segsurv.segmentation.networks.UNet3d} to segment the tumour (METHOD.md section
 * 3): patient split into training and validation, per epoch the training cases in a seeded random
 * order, each augmented ({@link SpatialAugmentation}), Dice + BCE loss, Adam with weight decay
 * ({@link AdamOptimizer}, Kingma and Ba 2015), an optional learning-rate schedule, then the Dice of
 * every validation case; early stopping when the mean validation Dice has not improved for
 * {@code patience} epochs, the best weights kept.
 *
 * <p>Every epoch ends with a checkpoint in the run's directory ({@link CheckpointStore}): weights,
 * Adam's moments and step count, the generator state, the epoch and the metrics history. Calling
 * {@link #train} on a directory that holds a checkpoint resumes from it, and the result equals that
 * of an uninterrupted run with the same options (same device and thread count: PyTorch's CPU
 * kernels are deterministic for a fixed thread count). The options must be those of the stored
 * run, except {@code maxEpochs} and {@code device}.
 *
 * <p>For a job: progress goes to the {@link TrainingListener} (per step and per epoch, after the
 * checkpoint is written); cancellation is checked before every step, through the flag or the
 * thread's interrupt status, and leaves the last finished epoch as the checkpoint. One training at
 * a time per JVM: DJL's PyTorch engine allows one gradient collector at a time.
 */
public final class SegmentationTrainer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TrainingOptions options;
    private final CaseSource cases;
    private final CheckpointStore store;
    private final Map<String, String> metadata;

    /**
     * @param metadata written into every weight file besides the run's own entries (e.g. modality,
     *     code version, project); keys {@code format}, {@code format_version} and {@code config} are reserved
     */
    public SegmentationTrainer(TrainingOptions options, CaseSource cases, Path checkpointDir, Map<String, String> metadata) {
        this.options = Objects.requireNonNull(options, "options");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.store = new CheckpointStore(checkpointDir);
        this.metadata = Map.copyOf(metadata);
    }

    public SegmentationTrainer(TrainingOptions options, CaseSource cases, Path checkpointDir) {
        this(options, cases, checkpointDir, Map.of());
    }

    /** Trains (or resumes) until the epochs are done, early stopping, or cancellation. */
    public TrainingResult train(TrainingListener listener, BooleanSupplier cancelled) throws IOException {
        GradMode.disable(); // this thread may be new (a job worker): autograd only inside the gradient collector
        Path latest = store.latest().orElse(null);
        TrainingState state = latest == null ? fresh() : resumable(store.state(latest));
        if (state.status() == TrainingResult.Status.EARLY_STOPPED || state.epoch() >= options.maxEpochs()) {
            return result(state, state.status() == null ? TrainingResult.Status.COMPLETED : state.status());
        }
        try (SegmentationModel model = SegmentationModel.create(options.network(), Devices.of(options.device()), options.seed());
                AdamOptimizer adam = new AdamOptimizer(model.parameters(), model.manager(), options.beta1(), options.beta2(),
                        options.epsilon(), options.weightDecay())) {
            if (latest != null) {
                store.restore(latest, state, model, adam);
            }
            SeededRandom random = SeededRandom.restore(state.randomState());
            while (true) {
                int epoch = state.epoch() + 1;
                long start = System.nanoTime();
                TrainPass pass = trainEpoch(epoch, state.split(), model, adam, random, listener, cancelled);
                if (pass == null) {
                    return result(state, TrainingResult.Status.CANCELLED);
                }
                Map<String, Double> validation = validate(state.split(), model);
                MeanSd summary = MeanSd.of(validation.values().stream().mapToDouble(Double::doubleValue).toArray());
                boolean improved = state.bestEpoch() == 0 || summary.mean() > state.bestValidationDice() + options.minDelta();
                EpochMetrics metrics = new EpochMetrics(epoch, pass.learningRate, pass.loss, pass.dice, validation, summary.mean(),
                        summary.sd(), improved, pass.steps, pass.secondsPerStep, (System.nanoTime() - start) / 1e9);
                state = next(state, metrics, random.state(), adam.steps());
                if (improved) {
                    store.saveBest(model, modelMetadata(state, epoch, summary.mean()));
                }
                store.save(state, model, adam, modelMetadata(state, epoch, summary.mean()));
                listener.onEpoch(metrics);
                if (state.status() != null) {
                    return result(state, state.status());
                }
            }
        }
    }

    private TrainingState fresh() {
        PatientSplit split = PatientSplit.of(cases.ids(), options.validationFraction(), options.seed());
        long random = new SeededRandom(options.seed()).split(0x7A1EL).state();
        return new TrainingState(TrainingState.FORMAT_VERSION, options, split, 0, random, 0, 0, -1, 0, null, List.of());
    }

    private TrainingState resumable(TrainingState stored) {
        TrainingOptions comparable = options.withMaxEpochs(stored.options().maxEpochs()).withDevice(stored.options().device());
        if (!comparable.equals(stored.options())) {
            throw new IllegalStateException("the checkpoint in " + store.directory() + " was made with other options ("
                    + stored.options() + "); resume with the same options (only maxEpochs and device may change) or use a new"
                    + " directory");
        }
        var available = new HashSet<>(cases.ids());
        for (String id : concat(stored.split().training(), stored.split().validation())) {
            if (!available.contains(id)) {
                throw new IllegalStateException("the checkpoint's case " + id + " is no longer among the cases");
            }
        }
        TrainingResult.Status status = stored.status() == TrainingResult.Status.COMPLETED ? null : stored.status();
        return new TrainingState(stored.formatVersion(), options, stored.split(), stored.epoch(), stored.randomState(),
                stored.optimizerSteps(), stored.bestEpoch(), stored.bestValidationDice(), stored.epochsWithoutImprovement(), status,
                stored.history());
    }

    private TrainingState next(TrainingState s, EpochMetrics m, long randomState, long adamSteps) {
        int bestEpoch = m.improved() ? m.epoch() : s.bestEpoch();
        double best = m.improved() ? m.validationMean() : s.bestValidationDice();
        int without = m.improved() ? 0 : s.epochsWithoutImprovement() + 1;
        TrainingResult.Status status = without >= options.patience() ? TrainingResult.Status.EARLY_STOPPED
                : m.epoch() >= options.maxEpochs() ? TrainingResult.Status.COMPLETED : null;
        List<EpochMetrics> history = new ArrayList<>(s.history());
        history.add(m);
        return new TrainingState(s.formatVersion(), options, s.split(), m.epoch(), randomState, adamSteps, bestEpoch, best, without,
                status, history);
    }

    private record TrainPass(double learningRate, double loss, double dice, int steps, double secondsPerStep) {
    }

    /** One pass over the training cases; null if cancelled. */
    private TrainPass trainEpoch(int epoch, PatientSplit split, SegmentationModel model, AdamOptimizer adam, SeededRandom random,
            TrainingListener listener, BooleanSupplier cancelled) throws IOException {
        double rate = options.schedule().rate(options.learningRate(), epoch, options.maxEpochs());
        List<String> training = split.training();
        int[] order = new int[training.size() * options.passesPerEpoch()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % training.size();
        }
        random.shuffle(order);
        UNetConfig c = options.network();
        SpatialAugmentation augmentation = new SpatialAugmentation(options.augmentation(), c.nx(), c.ny(), c.nz());
        int steps = (order.length + options.batchSize() - 1) / options.batchSize();
        double lossSum = 0;
        double diceSum = 0;
        double stepSeconds = 0;
        for (int s = 0; s < steps; s++) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return null;
            }
            List<float[]> images = new ArrayList<>();
            List<float[]> masks = new ArrayList<>();
            for (int i = s * options.batchSize(); i < Math.min(order.length, (s + 1) * options.batchSize()); i++) {
                TrainingCase tc = checked(cases.load(training.get(order[i])));
                SpatialTransform t = augmentation.sample(random);
                images.add(t.image(tc.image(), c.inChannels()));
                masks.add(t.mask(tc.mask()));
            }
            long t0 = System.nanoTime();
            TrainingStep.Outcome outcome = TrainingStep.run(model, adam, images, masks, rate);
            double seconds = (System.nanoTime() - t0) / 1e9;
            stepSeconds += seconds;
            lossSum += outcome.loss() * images.size();
            for (double d : outcome.dice()) {
                diceSum += d;
            }
            listener.onStep(new StepProgress(epoch, s + 1, steps, outcome.loss(), seconds));
        }
        return new TrainPass(rate, lossSum / order.length, diceSum / order.length, steps, stepSeconds / steps);
    }

    private Map<String, Double> validate(PatientSplit split, SegmentationModel model) throws IOException {
        SegmentationInferer inferer = new SegmentationInferer(model);
        Map<String, Double> dice = new LinkedHashMap<>();
        for (String id : split.validation()) {
            TrainingCase tc = checked(cases.load(id));
            dice.put(id, DiceMetric.dice(inferer.probabilities(tc.image()), tc.mask()));
        }
        return dice;
    }

    private TrainingCase checked(TrainingCase tc) {
        UNetConfig c = options.network();
        if (tc.mask().length != c.voxels() || tc.image().length != c.inChannels() * c.voxels()) {
            throw new IllegalArgumentException("case " + tc.id() + " has " + tc.image().length + " image and " + tc.mask().length
                    + " mask values; the network " + c + " needs " + c.inChannels() * c.voxels() + " and " + c.voxels());
        }
        return tc;
    }

    private Map<String, String> modelMetadata(TrainingState s, int epoch, double validationDice) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put("epoch", Integer.toString(epoch));
        m.put("validation_dice", Double.toString(validationDice));
        m.put("seed", Long.toString(options.seed()));
        m.put("training_cases", String.join(",", s.split().training()));
        m.put("validation_cases", String.join(",", s.split().validation()));
        m.put("training_options", JSON.writeValueAsString(options));
        return m;
    }

    private TrainingResult result(TrainingState s, TrainingResult.Status status) {
        return new TrainingResult(status, s.epoch(), s.bestEpoch(), s.bestValidationDice(),
                s.bestEpoch() > 0 ? store.bestModel() : null, s.split(), s.history());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

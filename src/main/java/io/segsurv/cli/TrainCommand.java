/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.base.ValidationException;
import io.segsurv.model.ModelSettings;
import io.segsurv.model.SegmentationModels;
import io.segsurv.segmentation.engines.EpochMetrics;
import io.segsurv.segmentation.engines.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code segsurv train --project P --cohort C --modality CT|PET [--config FILE] [--epochs N]
 * [--size small|paper] --out MODEL [--summary FILE]}: the training job's work, in this process.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a 3D U-Net to segment the tumour on a cohort's pre-processed cases (the segmentation subset:",
                "cases with a tumour of that modality), recorded as a model of the project; writes the best weights to MODEL.",
                "Running the same command again with --resume MODEL_ID continues an interrupted training."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--project", required = true, paramLabel = "P", description = "Project name or id.") String project;
    @Option(names = "--cohort", required = true, paramLabel = "C", description = "Cohort name or id.") String cohort;
    @Option(names = "--modality", required = true, paramLabel = "CT|PET") String modality;
    @Option(names = "--config", paramLabel = "FILE", description = "Training settings (YAML or JSON): size, epochs, batchSize, "
            + "learningRate, weightDecay, patience, validationFraction, seed, device, schedule.") Path config;
    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (overrides the config).") Integer epochs;
    @Option(names = "--size", paramLabel = "small|paper", description = "Network size preset (default: the config's, else small).") String size;
    @Option(names = "--device", paramLabel = "cpu|gpu", description = "Overrides the config; gpu needs the cuda build.") String device;
    @Option(names = "--name", description = "Model name (default unet-<modality>-<time>).") String name;
    @Option(names = "--resume", paramLabel = "MODEL_ID", description = "Continue the training of this model from its last checkpoint.") Long resume;
    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the trained weights (safetensors layout, docs/MODEL_FORMAT.md).") Path out;
    @Option(names = "--summary", paramLabel = "FILE", description = "JSON summary: modelId, epochs, bestEpoch, bestValidationDice, validationDice, secondsPerStep.") Path summary;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = new LinkedHashMap<>();
        if (size != null) {
            flags.put("size", size);
        }
        if (epochs != null) {
            flags.put("epochs", epochs);
        }
        if (device != null) {
            flags.put("device", device);
        }
        ModelSettings settings = config == null ? ModelSettings.from(flags, "small") : ModelSettings.read(config, "small", flags);
        var props = common.springProperties();
        props.put("segsurv.jobs.run-here", false);
        try (var ctx = SpringLauncher.start(props, false)) {
            DSLContext db = ctx.getBean(DSLContext.class);
            SegmentationModels models = ctx.getBean(SegmentationModels.class);
            long projectId = Lookup.project(db, project);
            long cohortId = Lookup.cohort(db, projectId, cohort);
            long modelId = resume != null ? resume : models.create(projectId, cohortId, modality, name, settings, null);
            System.out.println("model " + modelId + ": training on cohort " + cohortId + " (" + settings.size() + ", "
                    + settings.epochs() + " epochs at most, checkpoints in " + common.dataDir.resolve("models").resolve(Long.toString(modelId)) + ")");
            TrainingResult r = models.train(modelId, (f, message) -> System.out.println(message), () -> false);
            Path weights = models.weights(modelId);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(weights, out, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "%s after %d epochs: best validation Dice %.3f at epoch %d; weights in %s%n", r.status(),
                    r.epochs(), r.bestValidationDice(), r.bestEpoch(), out);
            if (summary != null) {
                EpochMetrics best = r.history().stream().filter(e -> e.epoch() == r.bestEpoch()).findFirst().orElse(null);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("modelId", modelId);
                json.put("status", r.status().name());
                json.put("epochs", r.epochs());
                json.put("bestEpoch", r.bestEpoch());
                json.put("bestValidationDice", r.bestValidationDice());
                json.put("validationDice", best == null ? Map.of() : best.validationDice());
                json.put("secondsPerStep", r.secondsPerStep());
                json.put("trainingPatients", r.split().training());
                json.put("validationPatients", r.split().validation());
                json.put("settings", settings.toMap());
                json.put("weights", out.toAbsolutePath().toString());
                Files.writeString(summary, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage());
        }
    }
}

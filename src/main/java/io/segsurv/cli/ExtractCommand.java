/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.base.ValidationException;
import io.segsurv.model.FeatureFile;
import io.segsurv.model.SegmentationModels;
import io.segsurv.segmentation.networks.WeightFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segsurv extract --model MODEL --cohort C --out features.csv [--masks]}: bottleneck features
 * of a cohort's patients (rows, by pseudonym) under a trained model (columns C00000... or P00000...),
 * recorded as the model's feature set and written as CSV for {@code segsurv stats}.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract the U-Net bottleneck features of a cohort (patients x features, named C00000-C55295 for CT or",
                "P00000-P55295 for PET at the paper's size) into a CSV; with --masks also store the predicted masks and their Dice."})
final class ExtractCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A weights file written by 'train', or a model id.") String model;
    @Option(names = "--cohort", required = true, paramLabel = "C", description = "Cohort name or id in the model's project.") String cohort;
    @Option(names = "--out", required = true, paramLabel = "features.csv") Path out;
    @Option(names = "--masks", description = "Also predict and store every patient's mask with its Dice against the contour.") boolean masks;

    @Override
    public Integer call() throws Exception {
        long modelId = modelId();
        var props = common.springProperties();
        props.put("segsurv.jobs.run-here", false);
        try (var ctx = SpringLauncher.start(props, false)) {
            SegmentationModels models = ctx.getBean(SegmentationModels.class);
            SegmentationModels.Model m = models.get(modelId);
            long cohortId = Lookup.cohort(ctx.getBean(org.jooq.DSLContext.class), m.projectId(), cohort);
            long t0 = System.nanoTime();
            SegmentationModels.FeatureSet set = models.extract(modelId, cohortId, masks, (f, message) -> {
            }, () -> false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            FeatureFile file = models.features(set);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                file.writeCsv(w);
            }
            System.out.printf(Locale.ROOT, "%d features of %d patients (%s) in %.1f s (%.2f s per patient); feature set %d; %s%n",
                    set.features(), set.patients(), m.modality(), seconds, seconds / set.patients(), set.id(), out);
            if (masks) {
                Map<String, Double> dice = models.maskDice(modelId);
                System.out.printf(Locale.ROOT, "predicted masks: mean Dice %.3f over %d patients%n",
                        dice.values().stream().filter(d -> d != null).mapToDouble(Double::doubleValue).average().orElse(Double.NaN), dice.size());
            }
            return 0;
        }
    }

    private long modelId() {
        if (model.matches("\\d+") && !Files.exists(Path.of(model))) {
            return Long.parseLong(model);
        }
        Path file = Path.of(model);
        if (!Files.isRegularFile(file)) {
            throw new ValidationException(model + " is neither a model id nor a weights file");
        }
        String id;
        try {
            id = WeightFile.read(file).metadata().get("model_id");
        } catch (IOException | RuntimeException e) {
            throw new ValidationException(file + ": not a SegSurv weights file (" + e.getMessage() + ")");
        }
        if (id == null || !id.matches("\\d+")) {
            throw new ValidationException(file + ": the weights carry no model id (not written by 'segsurv train'); give the model id instead");
        }
        return Long.parseLong(id);
    }
}

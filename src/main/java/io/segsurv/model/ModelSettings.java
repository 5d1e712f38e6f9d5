/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.segmentation.engines.LearningRateSchedule;
import io.segsurv.segmentation.engines.PatientSplit;
import io.segsurv.segmentation.engines.TrainingOptions;
import io.segsurv.segmentation.networks.UNetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a segmentation training is asked to do, as the user writes it (YAML or JSON, `--config`
 * FILE, or the fields of the API): a size preset and the training settings. {@code paper}: the
 * paper's network (5 levels, 32-512 channels, 96 x 96 x 48 at 1 mm); {@code small}: 4 levels, 8-64
 * channels, on the crop halved to 48 x 48 x 24 (2 mm) — minutes on 2 cores.
 *
 * @param size        small or paper
 * @param epochs      maximum epochs
 * @param batchSize   cases per step
 * @param learningRate Adam's rate
 * @param weightDecay Adam's weight decay
 * @param patience    epochs without a better validation Dice before stopping
 * @param validationFraction share of the segmentation subset held out for validation (paper: 22/60)
 * @param seed        every random choice derives from it
 * @param device      cpu or gpu
 * @param schedule    constant, step (halved every third of the epochs) or cosine (to 1 %)
 */
public record ModelSettings(String size, int epochs, int batchSize, double learningRate, double weightDecay, int patience,
        double validationFraction, long seed, String device, String schedule) {

    static final Set<String> KEYS = Set.of("size", "epochs", "batchSize", "learningRate", "weightDecay", "patience",
            "validationFraction", "seed", "device", "schedule");

    public ModelSettings {
        size = size.toLowerCase(Locale.ROOT);
        if (!size.equals("small") && !size.equals("paper")) {
            throw new IllegalArgumentException("size must be 'small' or 'paper', was '" + size + "'");
        }
        device = device.toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be 'cpu' or 'gpu', was '" + device + "'");
        }
        // the remaining ranges are checked by TrainingOptions with messages naming the field
        options(size, epochs, batchSize, learningRate, weightDecay, patience, validationFraction, seed, device, schedule);
    }

    /** Defaults of a size: small trains in minutes on 2 cores; paper is the paper's network. */
    public static ModelSettings of(String size) {
        boolean small = size.equalsIgnoreCase("small");
        return new ModelSettings(size, small ? 30 : 100, 1, small ? 1e-3 : 1e-4, 1e-5, small ? 8 : 10,
                PatientSplit.PAPER_VALIDATION_FRACTION, 1, "cpu", "constant");
    }

    public UNetConfig network() {
        return network(size);
    }

    static UNetConfig network(String size) {
        return size.equals("paper") ? UNetConfig.PAPER : new UNetConfig(48, 48, 24, 1, List.of(8, 16, 32, 64), false);
    }

    /** Whether cases (pre-processed at 96 x 96 x 48) are halved for this network. */
    public boolean halved() {
        return size.equals("small");
    }

    public TrainingOptions options() {
        return options(size, epochs, batchSize, learningRate, weightDecay, patience, validationFraction, seed, device, schedule);
    }

    private static TrainingOptions options(String size, int epochs, int batchSize, double learningRate, double weightDecay,
            int patience, double validationFraction, long seed, String device, String schedule) {
        return TrainingOptions.builder(network(size)).seed(seed).maxEpochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .weightDecay(weightDecay).patience(patience).validationFraction(validationFraction).device(device)
                .schedule(schedule(schedule, epochs)).build();
    }

    /** constant; step (halved every third of the epochs); cosine (down to 1% of the rate). */
    static LearningRateSchedule schedule(String name, int epochs) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "constant" -> LearningRateSchedule.CONSTANT;
            case "step" -> LearningRateSchedule.step(Math.max(1, epochs / 3), 0.5);
            case "cosine" -> LearningRateSchedule.cosine(0.01);
            default -> throw new IllegalArgumentException("schedule must be constant, step or cosine, was '" + name + "'");
        };
    }

    public ModelSettings withEpochs(int e) {
        return new ModelSettings(size, e, batchSize, learningRate, weightDecay, patience, validationFraction, seed, device, schedule);
    }

    /**
     * Reads a YAML or JSON file; fields not given keep the defaults of its {@code size} (or of
     * {@code defaultSize}); unknown fields are an error naming them.
     */
    public static ModelSettings read(Path file, String defaultSize) {
        return read(file, defaultSize, Map.of());
    }

    /** As {@link #read(Path, String)} with {@code overrides} (e.g. command-line flags) replacing the file's values. */
    public static ModelSettings read(Path file, String defaultSize, Map<String, Object> overrides) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML or JSON: " + e.getMessage(), e);
        }
        if (doc != null && !(doc instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": expected a mapping of settings, found " + doc.getClass().getSimpleName());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (doc != null) {
            ((Map<?, ?>) doc).forEach((k, v) -> m.put(String.valueOf(k), v));
        }
        m.putAll(overrides);
        try {
            return from(m, defaultSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** From a map of settings (the config file, the API's JSON); missing fields keep the defaults of the size. */
    public static ModelSettings from(Map<String, Object> m, String defaultSize) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown setting '" + k + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        ModelSettings d = of(String.valueOf(m.getOrDefault("size", defaultSize)));
        return new ModelSettings(d.size(), integer(m, "epochs", d.epochs()), integer(m, "batchSize", d.batchSize()),
                number(m, "learningRate", d.learningRate()), number(m, "weightDecay", d.weightDecay()),
                integer(m, "patience", d.patience()), number(m, "validationFraction", d.validationFraction()),
                (long) number(m, "seed", d.seed()), String.valueOf(m.getOrDefault("device", d.device())),
                String.valueOf(m.getOrDefault("schedule", d.schedule())));
    }

    /** The settings as a map (stored with the model, the same keys as the file). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", size);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("weightDecay", weightDecay);
        m.put("patience", patience);
        m.put("validationFraction", validationFraction);
        m.put("seed", seed);
        m.put("device", device);
        m.put("schedule", schedule);
        return m;
    }

    private static int integer(Map<String, Object> m, String key, int fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).intValue();
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a whole number, was '" + v + "'");
    }

    private static double number(Map<String, Object> m, String key, double fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a number, was '" + v + "'");
    }
}

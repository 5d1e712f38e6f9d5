/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import io.segsurv.base.ValidationException;
import io.segsurv.model.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * An experiment as a file (`segsurv experiment run --config FILE.yaml`): the cohorts by name, the
 * segmentation networks to train (or reuse), and the statistical protocol. The examples are
 * examples/experiment-small.yaml and examples/experiment-paper.yaml.
 *
 * @param name            experiment name
 * @param cohort          training / cross-validation cohort (name in the project)
 * @param externalCohort  optional external validation cohort (name), null for none
 * @param synthetic       with `--synth-seed`: how many synthetic patients to generate into the cohorts
 * @param segmentation    U-Net training settings (as a `train --config` file)
 * @param models          reuse trained models instead of training: modality -> model name or id
 * @param modalities      CT, PET or both (features concatenated)
 * @param endpoints       subset of 2OS, 5OS, 2DS, 5DS
 * @param baselines       subset of SUVmax, SUVmean, TLG, volume
 * @param permuteLabels   negative control: outcomes shuffled among the patients before anything is fitted
 * @param innerFolds      folds of the inner cross-validation choosing lambda
 * @param balancedFolds   test folds stratified by outcome
 * @param silhouette      exact or medoid silhouette choosing k
 */
public record ExperimentSpec(String name, String cohort, String externalCohort, Synthetic synthetic, ModelSettings segmentation,
        Map<String, String> models, List<String> modalities, List<String> endpoints, int folds, int repeats, int kMin, int kMax,
        int restarts, String lambdaRule, Double fixedLambda, String lassoFamily, long seed, List<String> baselines,
        boolean permuteLabels, int innerFolds, boolean balancedFolds, String silhouette) {

    /** Synthetic cohorts generated and imported when the run is given a seed. */
    public record Synthetic(int patients, int externalPatients, String profile) {
    }

    public static final List<String> ALL_BASELINES = ExperimentConfig.ALL_BASELINES;
    private static final Set<String> KEYS = Set.of("name", "cohort", "externalCohort", "synthetic", "segmentation", "models",
            "modalities", "endpoints", "folds", "repeats", "k", "restarts", "lambda", "family", "seed", "baselines", "permuteLabels",
            "innerFolds", "balancedFolds", "silhouette");

    public ExperimentSpec {
        models = Map.copyOf(models);
        modalities = List.copyOf(modalities);
        endpoints = List.copyOf(endpoints);
        baselines = List.copyOf(baselines);
    }

    /** The file as the versioned configuration of the application (cohorts resolved to their ids). */
    public ExperimentConfig config(long trainingCohortId, Long externalCohortId) {
        return new ExperimentConfig(trainingCohortId, externalCohortId, modalities, endpoints, folds, repeats, kMin, kMax, restarts,
                lambdaRule, fixedLambda, lassoFamily, seed, segmentation, models, baselines, innerFolds, balancedFolds, silhouette,
                permuteLabels).validated();
    }

    /** The same file with the negative control switched on. */
    public ExperimentSpec withPermutedLabels() {
        return new ExperimentSpec(name, cohort, externalCohort, synthetic, segmentation, models, modalities, endpoints, folds, repeats,
                kMin, kMax, restarts, lambdaRule, fixedLambda, lassoFamily, seed, baselines, true, innerFolds, balancedFolds, silhouette);
    }

    public static ExperimentSpec read(Path file) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new ValidationException(file + ": cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new ValidationException(file + ": not valid YAML: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ValidationException(file + ": expected a mapping of experiment settings");
        }
        try {
            return of(stringKeys(map));
        } catch (IllegalArgumentException | ValidationException e) {
            throw new ValidationException(file + ": " + e.getMessage());
        }
    }

    static ExperimentSpec of(Map<String, Object> m) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new ValidationException("unknown setting '" + k + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String cohort = text(m, "cohort", null);
        if (cohort == null || cohort.isBlank()) {
            throw new ValidationException("'cohort' (the training cohort's name) is required");
        }
        Synthetic synthetic = null;
        if (m.get("synthetic") instanceof Map<?, ?> s) {
            Map<String, Object> sm = stringKeys(s);
            synthetic = new Synthetic(integer(sm, "patients", 60), integer(sm, "externalPatients", 0), text(sm, "profile", "small"));
        }
        Map<String, Object> seg = m.get("segmentation") instanceof Map<?, ?> sg ? stringKeys(sg) : new LinkedHashMap<>();
        ModelSettings settings = ModelSettings.from(seg, "small");
        Map<String, String> models = new LinkedHashMap<>();
        if (m.get("models") instanceof Map<?, ?> md) {
            md.forEach((k, v) -> models.put(String.valueOf(k).toUpperCase(Locale.ROOT), String.valueOf(v)));
        }
        int[] k = kRange(text(m, "k", "2:40"));
        String lambda = text(m, "lambda", "cv-min");
        Double fixed = null;
        if (!lambda.equals("cv-min") && !lambda.equals("cv-1se")) {
            try {
                fixed = Double.parseDouble(lambda);
                lambda = "fixed";
            } catch (NumberFormatException e) {
                throw new ValidationException("'lambda' must be cv-min, cv-1se or a positive number, was '" + lambda + "'");
            }
        }
        List<String> baselines = list(m, "baselines", List.of("SUVmax", "SUVmean", "TLG"));
        for (String b : baselines) {
            if (!ALL_BASELINES.contains(b)) {
                throw new ValidationException("baselines must be among " + ALL_BASELINES + ", was '" + b + "'");
            }
        }
        return new ExperimentSpec(text(m, "name", "experiment"), cohort, text(m, "externalCohort", null), synthetic, settings, models,
                list(m, "modalities", List.of("CT", "PET")), list(m, "endpoints", ExperimentConfig.ALL_ENDPOINTS), integer(m, "folds", 6),
                integer(m, "repeats", 1), k[0], k[1], integer(m, "restarts", 10), lambda, fixed, text(m, "family", "gaussian"),
                integer(m, "seed", 1), baselines, Boolean.TRUE.equals(m.get("permuteLabels")), integer(m, "innerFolds", 10),
                !Boolean.FALSE.equals(m.get("balancedFolds")), text(m, "silhouette", "exact"));
    }

    private static int[] kRange(String spec) {
        String[] p = spec.split(":");
        try {
            int lo = Integer.parseInt(p[0].strip());
            int hi = p.length > 1 ? Integer.parseInt(p[1].strip()) : lo;
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new ValidationException("'k' must be K or KMIN:KMAX, was '" + spec + "'");
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String text(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static int integer(Map<String, Object> m, String key, int fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).intValue();
        }
        throw new ValidationException("'" + key + "' must be a whole number, was '" + v + "'");
    }

    private static List<String> list(Map<String, Object> m, String key, List<String> fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add(String.valueOf(x)));
            return out;
        }
        return List.of(String.valueOf(v).split("\\s*,\\s*"));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import io.segsurv.base.ValidationException;
import io.segsurv.model.ModelSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An experiment's configuration (METHOD.md sections 3-4). Validates itself and names the bad value.
 *
 * @param trainingCohortId  cohort used for training and cross-validation
 * @param externalCohortId  optional external validation cohort (null for none)
 * @param modalities        CT, PET or both
 * @param endpoints         subset of 2OS, 5OS, 2DS, 5DS
 * @param folds             cross-validation folds (paper: 6)
 * @param repeats           repeats of the cross-validation
 * @param kMin              smallest number of k-medoids clusters tried
 * @param kMax              largest number of clusters tried (paper: silhouette over a range)
 * @param restarts          random initialisations per k (paper: 10)
 * @param lambdaRule        cv-min, cv-1se or fixed
 * @param fixedLambda       lambda when lambdaRule is fixed
 * @param lassoFamily       gaussian (the paper's Eq. 3) or binomial
 * @param seed              seed for every random choice
 * @param segmentation      U-Net training settings (as `segsurv train --config`); null: the small preset
 * @param models            modality -> name or id of a trained model to reuse instead of training one
 * @param baselines         subset of SUVmax, SUVmean, TLG, volume compared with the model
 * @param innerFolds        folds of the inner cross-validation choosing lambda (paper: 10)
 * @param balancedFolds     test folds stratified by outcome (null: true)
 * @param silhouette        exact (every feature) or medoid (simplified) silhouette choosing k (null: exact)
 * @param permuteLabels     negative control: outcomes shuffled among the patients before anything is fitted
 */
public record ExperimentConfig(Long trainingCohortId, Long externalCohortId, List<String> modalities, List<String> endpoints,
                               int folds, int repeats, int kMin, int kMax, int restarts, String lambdaRule,
                               Double fixedLambda, String lassoFamily, long seed, ModelSettings segmentation,
                               Map<String, String> models, List<String> baselines, int innerFolds, Boolean balancedFolds,
                               String silhouette, boolean permuteLabels) {

    public static final List<String> ALL_ENDPOINTS = List.of("2OS", "5OS", "2DS", "5DS");
    public static final List<String> ALL_MODALITIES = List.of("CT", "PET");
    public static final List<String> LAMBDA_RULES = List.of("cv-min", "cv-1se", "fixed");
    public static final List<String> FAMILIES = List.of("gaussian", "binomial");
    public static final List<String> ALL_BASELINES = List.of("SUVmax", "SUVmean", "TLG", "volume");
    public static final List<String> SILHOUETTES = List.of("exact", "medoid");

    /** The paper's protocol (with the paper's network). */
    public static ExperimentConfig paperDefaults(Long trainingCohortId) {
        return new ExperimentConfig(trainingCohortId, null, ALL_MODALITIES, ALL_ENDPOINTS, 6, 1, 2, 40, 10, "cv-min", null,
                "gaussian", 1L, ModelSettings.of("paper"), Map.of(), List.of("SUVmax", "SUVmean", "TLG"), 10, true, "exact", false);
    }

    /** The statistical settings only; the networks small, the paper's baselines and inner folds. */
    public ExperimentConfig(Long trainingCohortId, Long externalCohortId, List<String> modalities, List<String> endpoints,
                            int folds, int repeats, int kMin, int kMax, int restarts, String lambdaRule,
                            Double fixedLambda, String lassoFamily, long seed) {
        this(trainingCohortId, externalCohortId, modalities, endpoints, folds, repeats, kMin, kMax, restarts, lambdaRule, fixedLambda,
                lassoFamily, seed, null, null, null, 0, null, null, false);
    }

    public ExperimentConfig {
        modalities = List.copyOf(modalities == null ? List.of() : modalities);
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
        // configurations saved before these settings existed read with the defaults
        segmentation = segmentation == null ? ModelSettings.of("small") : segmentation;
        Map<String, String> m = new LinkedHashMap<>();
        if (models != null) {
            models.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    m.put(k.toUpperCase(Locale.ROOT), v.strip());
                }
            });
        }
        models = java.util.Collections.unmodifiableMap(m);
        baselines = List.copyOf(baselines == null ? List.of("SUVmax", "SUVmean", "TLG") : baselines);
        innerFolds = innerFolds == 0 ? 10 : innerFolds;
        balancedFolds = balancedFolds == null ? Boolean.TRUE : balancedFolds;
        silhouette = silhouette == null ? "exact" : silhouette;
    }

    /** A copy with another training cohort and external cohort. */
    public ExperimentConfig withCohorts(Long training, Long external) {
        return new ExperimentConfig(training, external, modalities, endpoints, folds, repeats, kMin, kMax, restarts, lambdaRule,
                fixedLambda, lassoFamily, seed, segmentation, models, baselines, innerFolds, balancedFolds, silhouette, permuteLabels);
    }

    /** Throws {@link ValidationException} naming the first invalid setting. */
    public ExperimentConfig validated() {
        if (trainingCohortId == null) {
            throw new ValidationException("A training cohort is required");
        }
        if (trainingCohortId.equals(externalCohortId)) {
            throw new ValidationException("The external validation cohort must differ from the training cohort");
        }
        if (modalities.isEmpty() || !Set.copyOf(ALL_MODALITIES).containsAll(modalities)) {
            throw new ValidationException("modalities must be CT, PET or both, was " + modalities);
        }
        if (endpoints.isEmpty() || !Set.copyOf(ALL_ENDPOINTS).containsAll(endpoints)) {
            throw new ValidationException("endpoints must be a non-empty subset of " + ALL_ENDPOINTS + ", was " + endpoints);
        }
        if (folds < 2 || folds > 20) {
            throw new ValidationException("folds must be between 2 and 20, was " + folds);
        }
        if (repeats < 1 || repeats > 100) {
            throw new ValidationException("repeats must be between 1 and 100, was " + repeats);
        }
        if (kMin < 2 || kMax < kMin) {
            throw new ValidationException("k range must satisfy 2 <= kMin <= kMax, was " + kMin + ":" + kMax);
        }
        if (restarts < 1 || restarts > 1000) {
            throw new ValidationException("restarts must be between 1 and 1000, was " + restarts);
        }
        if (!LAMBDA_RULES.contains(lambdaRule)) {
            throw new ValidationException("lambdaRule must be one of " + LAMBDA_RULES + ", was '" + lambdaRule + "'");
        }
        if ("fixed".equals(lambdaRule) && (fixedLambda == null || !(fixedLambda > 0))) {
            throw new ValidationException("a fixed lambda must be a positive number, was " + fixedLambda);
        }
        if (!FAMILIES.contains(lassoFamily)) {
            throw new ValidationException("lassoFamily must be one of " + FAMILIES + ", was '" + lassoFamily + "'");
        }
        if (!Set.copyOf(ALL_BASELINES).containsAll(baselines)) {
            throw new ValidationException("baselines must be among " + ALL_BASELINES + ", was " + baselines);
        }
        if (innerFolds < 3 || innerFolds > 20) {
            throw new ValidationException("innerFolds must be between 3 and 20, was " + innerFolds);
        }
        if (!SILHOUETTES.contains(silhouette)) {
            throw new ValidationException("silhouette must be one of " + SILHOUETTES + ", was '" + silhouette + "'");
        }
        for (String modality : models.keySet()) {
            if (!modalities.contains(modality)) {
                throw new ValidationException("a model is given for " + modality + ", which is not among the modalities " + modalities);
            }
        }
        return this;
    }
}

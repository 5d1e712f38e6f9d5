/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static io.segsurv.db.generated.Tables.CLINICAL_RECORD;
import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.PREPROCESSED_CASE;
import static io.segsurv.db.generated.Tables.TRAINED_MODEL;

import io.segsurv.audit.Actor;
import io.segsurv.base.ValidationException;
import io.segsurv.cohort.Endpoint;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.evaluation.DeLong;
import io.segsurv.evaluation.Direction;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.TumourRule;
import io.segsurv.model.FeatureFile;
import io.segsurv.model.SegmentationModels;
import io.segsurv.regression.Family;
import io.segsurv.stats.CrossValidation;
import io.segsurv.stats.FeatureTable;
import io.segsurv.stats.RiskGroupSurvival;
import io.segsurv.synth.SyntheticCohort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an experiment end to end without a browser: cohorts (optionally generated synthetically and
 * imported), the CT/PET U-Nets (trained, resumed or reused), their bottleneck features, and per
 * endpoint the paper's cross-validated protocol with the risk-group survival analysis, the
 * baselines (SUVmax, SUVmean, TLG, tumour volume: the AUC of the raw value and its DeLong test
 * against the model on the same patients) and the external validation. Writes results.json and
 * CSV tables. Reruns reuse what exists: the models are named after the experiment and seed.
 */
@Service
public class ExperimentRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DSLContext db;
    private final ImportService imports;
    private final SegmentationModels models;

    public ExperimentRunner(DSLContext db, ImportService imports, SegmentationModels models) {
        this.db = db;
        this.imports = imports;
        this.models = models;
    }

    /** Results as written to results.json (maps and lists: the JSON contract in docs/EXPERIMENT_JSON.md). */
    public Map<String, Object> run(long projectId, ExperimentSpec spec, Long synthSeed, Path outDir, Consumer<String> log)
            throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(outDir);
        int trainPatients = spec.synthetic() == null ? 0 : spec.synthetic().patients();
        long cohortId = cohort(projectId, spec.cohort(), synthSeed, trainPatients, spec, outDir, log, 1);
        Long externalId = spec.externalCohort() == null ? null : cohort(projectId, spec.externalCohort(), synthSeed,
                spec.synthetic() == null ? 0 : spec.synthetic().externalPatients(), spec, outDir, log, trainPatients + 1);
        spec.config(cohortId, externalId); // validates the statistical settings before hours of training

        Map<String, Object> modelInfo = new LinkedHashMap<>();
        Map<String, Long> modelIds = new LinkedHashMap<>();
        for (String modality : spec.modalities()) {
            long id = model(projectId, cohortId, modality, spec, log);
            modelIds.put(modality, id);
            SegmentationModels.Model m = models.get(id);
            modelInfo.put(modality, Map.of("id", id, "name", m.name(), "epochs", m.epochs(), "bestEpoch", m.bestEpoch(),
                    "bestValidationDice", m.bestValidationDice()));
        }
        FeatureTable features = features(modelIds, cohortId, log);
        FeatureTable external = externalId == null ? null : features(modelIds, externalId, log);

        CrossValidation.Options options = new CrossValidation.Options(spec.folds(), spec.repeats(), spec.kMin(),
                Math.min(spec.kMax(), features.cols() - 1), spec.restarts(), rule(spec.lambdaRule()),
                spec.fixedLambda() == null ? Double.NaN : spec.fixedLambda(), Family.valueOf(spec.lassoFamily().toUpperCase(Locale.ROOT)),
                spec.innerFolds(), 0.5, spec.seed(), Runtime.getRuntime().availableProcessors());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        List<String[]> summaryRows = new ArrayList<>();
        List<String[]> predictionRows = new ArrayList<>();
        for (String label : spec.endpoints()) {
            Endpoint endpoint = Endpoint.of(label);
            Clinical clinical = clinical(cohortId, endpoint, spec.permuteLabels() ? spec.seed() : null);
            log.accept(label + ": cross-validation on " + clinical.outcome().size() + " qualifying patients");
            CrossValidation.Result cv;
            try {
                cv = CrossValidation.run(label, features, clinical.outcome(), options);
            } catch (io.segsurv.stats.StatsInputException ex) {
                // an endpoint this cohort cannot support (e.g. too few survivors at 5 years) is reported, not fatal
                log.accept(label + ": not evaluated: " + ex.getMessage());
                endpoints.put(label, Map.of("endpoint", label, "patients", clinical.outcome().size(), "error", ex.getMessage()));
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>(JSON.convertValue(cv, Map.class));
            Map<String, Double> pooled = cv.pooledPredictions();
            e.put("survival", RiskGroupSurvival.compute(pooled, clinical.times(), 0.5, features, cv.stableFeatures(5)));
            e.put("baselines", baselines(cohortId, spec.baselines(), pooled, clinical.outcome()));
            if (externalId != null) {
                Clinical ext = clinical(externalId, endpoint, null);
                CrossValidation.External x = CrossValidation.external(features, clinical.outcome(), external, ext.outcome(), options);
                Map<String, Object> xe = new LinkedHashMap<>();
                xe.put("patients", x.patients());
                xe.put("deaths", x.deaths());
                xe.put("selectedFeatures", x.model().selectedFeatures());
                xe.put("chosenK", x.model().chosenK());
                xe.put("lambda", x.model().lambda());
                xe.put("metrics", x.metrics());
                xe.put("delongCi", x.delongCi());
                xe.put("predictions", x.predictions());
                e.put("external", xe);
            }
            endpoints.put(label, e);
            cv.summary().forEach((metric, s) -> summaryRows.add(new String[] {label, metric, num(s.mean()), num(s.sd()),
                    num(s.foldInterval()[0]), num(s.foldInterval()[1]), s.delongCi() == null ? "" : num(s.delongCi()[0]),
                    s.delongCi() == null ? "" : num(s.delongCi()[1])}));
            for (CrossValidation.Fold f : cv.folds()) {
                f.predictions().forEach((patient, p) -> predictionRows.add(new String[] {label, Integer.toString(f.repeat()),
                        Integer.toString(f.fold()), patient, num(p), Integer.toString(clinical.outcome().get(patient))}));
            }
            log.accept(String.format(Locale.ROOT, "%s: AUC %.3f (fold interval %.3f-%.3f)", label, cv.summary().get("auc").mean(),
                    cv.summary().get("auc").foldInterval()[0], cv.summary().get("auc").foldInterval()[1]));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("name", spec.name());
        results.put("projectId", projectId);
        results.put("cohort", Map.of("id", cohortId, "name", spec.cohort(), "patients", features.rows()));
        results.put("externalCohort", externalId == null ? null : Map.of("id", externalId, "name", spec.externalCohort(),
                "patients", external.rows()));
        results.put("permutedLabels", spec.permuteLabels());
        results.put("models", modelInfo);
        results.put("features", features.cols());
        results.put("configuration", spec);
        results.put("endpoints", endpoints);
        results.put("seconds", (System.nanoTime() - started) / 1e9);
        JSON.writerWithDefaultPrettyPrinter().writeValue(outDir.resolve("results.json").toFile(), results);
        csv(outDir.resolve("summary.csv"), new String[] {"endpoint", "metric", "mean", "sd", "foldLow", "foldHigh", "delongLow",
                "delongHigh"}, summaryRows);
        csv(outDir.resolve("predictions.csv"), new String[] {"endpoint", "repeat", "fold", "patient", "pSurvival", "outcome"},
                predictionRows);
        return results;
    }

    private static CrossValidation.LambdaRule rule(String r) {
        return switch (r) {
            case "cv-min" -> CrossValidation.LambdaRule.CV_MIN;
            case "cv-1se" -> CrossValidation.LambdaRule.CV_1SE;
            default -> CrossValidation.LambdaRule.FIXED;
        };
    }

    /** The cohort by name; created and filled with a synthetic cohort when it is empty and a seed is given. */
    /** @param firstIndex number of the first synthetic patient (an external cohort continues after the training one) */
    private long cohort(long projectId, String name, Long synthSeed, int patients, ExperimentSpec spec, Path outDir,
            Consumer<String> log, int firstIndex) throws IOException {
        Long id = db.select(COHORT.ID).from(COHORT).where(COHORT.PROJECT_ID.eq(projectId).and(COHORT.NAME.eq(name))).fetchOne(COHORT.ID);
        int existing = id == null ? 0 : db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(id));
        if (existing > 0) {
            log.accept("cohort '" + name + "': " + existing + " patients already imported");
            return id;
        }
        if (synthSeed == null || patients <= 0) {
            throw new ValidationException("cohort '" + name + "' has no patients: import it first, or pass --synth-seed S with a "
                    + "'synthetic' section in the configuration");
        }
        if (id == null) {
            id = db.insertInto(COHORT).set(COHORT.PROJECT_ID, projectId).set(COHORT.NAME, name)
                    .set(COHORT.KIND, firstIndex == 1 ? "TRAINING" : "EXTERNAL").returning(COHORT.ID).fetchOne().getId();
        }
        Path dir = outDir.resolve("synthetic").resolve(name);
        log.accept("cohort '" + name + "': generating synthetic patients " + firstIndex + "-" + (firstIndex + patients - 1)
                + " (seed " + synthSeed + ")");
        SyntheticCohort.generate(new SyntheticCohort.Options(patients, synthSeed, false, spec.synthetic().profile(), firstIndex), dir);
        ImportReport report = imports.importFiles(new ImportService.Request(id, dir, dir.resolve("clinical.csv"), ImportService.Source.CLI,
                new Actor(null, "experiment run", null), Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), null);
        log.accept("cohort '" + name + "': " + report.patientsStored() + " patients imported, " + report.patientsRejected() + " rejected");
        return id;
    }

    /** The modality's model: the one named in the configuration, else this experiment's own (trained or resumed here). */
    private long model(long projectId, long cohortId, String modality, ExperimentSpec spec, Consumer<String> log) throws IOException {
        String given = spec.models().get(modality);
        String name = given != null ? given : spec.name() + "-" + modality.toLowerCase(Locale.ROOT) + "-seed" + spec.segmentation().seed();
        var row = db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.PROJECT_ID.eq(projectId)
                .and(TRAINED_MODEL.NAME.eq(name).or(given != null && given.matches("\\d+") ? TRAINED_MODEL.ID.eq(Long.parseLong(given))
                        : org.jooq.impl.DSL.falseCondition()))).fetchOne();
        if (given != null && row == null) {
            throw new ValidationException("no model '" + given + "' for " + modality + " in this project");
        }
        long id;
        if (row == null) {
            id = models.create(projectId, cohortId, modality, name, spec.segmentation(), null);
            log.accept(modality + ": training U-Net '" + name + "' (model " + id + ")");
        } else {
            id = row.getId();
            if ("READY".equals(row.getStatus())) {
                log.accept(modality + ": reusing model '" + name + "' (model " + id + ")");
                return id;
            }
            log.accept(modality + ": resuming the training of '" + name + "' (model " + id + ")");
        }
        var result = models.train(id, (f, message) -> log.accept(modality + " " + message), () -> false);
        if (result.bestModel() == null) {
            throw new ValidationException(modality + " U-Net '" + name + "' did not finish an epoch");
        }
        return id;
    }

    /** Features of the cohort under every modality's model, joined by patient (patients with all modalities). */
    private FeatureTable features(Map<String, Long> modelIds, long cohortId, Consumer<String> log) throws IOException {
        List<FeatureFile> files = new ArrayList<>();
        for (var e : modelIds.entrySet()) {
            SegmentationModels.FeatureSet set = models.featuresOf(e.getValue(), cohortId, SegmentationModels.Progress.NONE, () -> false);
            log.accept(e.getKey() + ": " + set.features() + " bottleneck features of " + set.patients() + " patients");
            files.add(models.features(set));
        }
        LinkedHashSet<String> patients = new LinkedHashSet<>(files.getFirst().patients());
        files.forEach(f -> patients.retainAll(f.patients()));
        List<String> ids = new ArrayList<>(patients);
        List<String> columns = new ArrayList<>();
        files.forEach(f -> {
            for (int j = 0; j < f.features(); j++) {
                columns.add(f.name(j));
            }
        });
        double[] values = new double[ids.size() * columns.size()];
        int offset = 0;
        for (FeatureFile f : files) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (int i = 0; i < f.patients().size(); i++) {
                row.put(f.patients().get(i), i);
            }
            for (int i = 0; i < ids.size(); i++) {
                float[] v = f.values()[row.get(ids.get(i))];
                for (int j = 0; j < v.length; j++) {
                    values[i * columns.size() + offset + j] = v[j];
                }
            }
            offset += f.features();
        }
        return new FeatureTable(ids, columns, values);
    }

    record Clinical(Map<String, Integer> outcome, Map<String, RiskGroupSurvival.Time> times) {
    }

    /** Endpoint labels and follow-up of the cohort's patients; with a seed the labels (with their times) are permuted. */
    Clinical clinical(long cohortId, Endpoint endpoint, Long permuteSeed) {
        Map<String, Integer> outcome = new LinkedHashMap<>();
        Map<String, RiskGroupSurvival.Time> times = new LinkedHashMap<>();
        db.select(PATIENT.PSEUDONYM, CLINICAL_RECORD.FOLLOW_UP_DAYS, CLINICAL_RECORD.VITAL_STATUS, CLINICAL_RECORD.CAUSE_OF_DEATH)
                .from(PATIENT).join(CLINICAL_RECORD).on(CLINICAL_RECORD.PATIENT_ID.eq(PATIENT.ID)).where(PATIENT.COHORT_ID.eq(cohortId))
                .orderBy(PATIENT.PSEUDONYM).forEach(r -> {
                    Boolean dead = r.value3() == null ? null : "DEAD".equals(r.value3());
                    endpoint.outcome(r.value2(), dead, r.value4()).ifPresent(y -> outcome.put(r.value1(), y));
                    Integer event = endpoint.event(dead, r.value4());
                    if (r.value2() != null && event != null) {
                        times.put(r.value1(), new RiskGroupSurvival.Time(r.value2() / Endpoint.DAYS_PER_YEAR, event));
                    }
                });
        if (permuteSeed == null) {
            return new Clinical(outcome, times);
        }
        List<String> ids = new ArrayList<>(outcome.keySet());
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new java.util.Random(new SplittableRandom(permuteSeed).nextLong()));
        Map<String, Integer> po = new LinkedHashMap<>();
        Map<String, RiskGroupSurvival.Time> pt = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            po.put(ids.get(i), outcome.get(shuffled.get(i)));
            RiskGroupSurvival.Time t = times.get(shuffled.get(i));
            if (t != null) {
                pt.put(ids.get(i), t);
            }
        }
        return new Clinical(po, pt);
    }

    /**
     * Each baseline's AUC for survival (a higher value predicts death, as in the paper's comparison),
     * its DeLong CI, and the DeLong test against the model's out-of-fold predictions on the same patients.
     */
    private Map<String, Object> baselines(long cohortId, List<String> names, Map<String, Double> pooled, Map<String, Integer> outcome) {
        Map<String, double[]> values = new LinkedHashMap<>();
        db.select(PATIENT.PSEUDONYM, PREPROCESSED_CASE.SUV_MAX, PREPROCESSED_CASE.SUV_MEAN, PREPROCESSED_CASE.TUMOUR_VOLUME_CM3)
                .from(PATIENT).join(PREPROCESSED_CASE).on(PREPROCESSED_CASE.PATIENT_ID.eq(PATIENT.ID)).where(PATIENT.COHORT_ID.eq(cohortId))
                .forEach(r -> values.put(r.value1(), new double[] {nan(r.value2()), nan(r.value3()), nan(r.value3()) * nan(r.value4()),
                        nan(r.value4())}));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            int column = ExperimentSpec.ALL_BASELINES.indexOf(name);
            List<String> ids = pooled.keySet().stream().filter(id -> values.containsKey(id) && Double.isFinite(values.get(id)[column])).toList();
            int[] y = ids.stream().mapToInt(outcome::get).toArray();
            long alive = java.util.Arrays.stream(y).filter(v -> v == 1).count();
            if (ids.size() < 3 || alive == 0 || alive == ids.size()) {
                out.put(name, Map.of("patients", ids.size(), "note", "not enough patients of both classes with a value"));
                continue;
            }
            double[] score = ids.stream().mapToDouble(id -> values.get(id)[column]).toArray();
            double[] model = ids.stream().mapToDouble(pooled::get).toArray();
            var ci = DeLong.compute(score, y, 1, Direction.LOWER_IS_POSITIVE);
            var cmp = DeLong.compare(model, Direction.HIGHER_IS_POSITIVE, score, Direction.LOWER_IS_POSITIVE, y, 1);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("patients", ids.size());
            b.put("auc", ci.auc());
            b.put("delongCi", new double[] {ci.lower(), ci.upper()});
            b.put("modelAuc", cmp.auc1());
            b.put("pDeLongVsModel", cmp.pValue());
            out.put(name, b);
        }
        return out;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static void csv(Path file, String[] header, List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
        Files.writeString(file, sb);
    }
}

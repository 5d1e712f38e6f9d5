/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static io.segsurv.db.generated.Tables.CLINICAL_RECORD;
import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.PREPROCESSED_CASE;
import static io.segsurv.db.generated.Tables.TRAINED_MODEL;

import io.segsurv.base.Hashing;
import io.segsurv.base.ValidationException;
import io.segsurv.cohort.Endpoint;
import io.segsurv.evaluation.DeLong;
import io.segsurv.evaluation.Direction;
import io.segsurv.job.JobContext;
import io.segsurv.model.FeatureFile;
import io.segsurv.model.SegmentationModels;
import io.segsurv.regression.Family;
import io.segsurv.segmentation.engines.TrainingResult;
import io.segsurv.selection.MedoidSelection;
import io.segsurv.stats.CrossValidation;
import io.segsurv.stats.FeatureTable;
import io.segsurv.stats.RiskGroupSurvival;
import io.segsurv.stats.StatsInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of an experiment run and what each computes: {@code train-CT}/{@code train-PET} (the
 * U-Net of a modality: trained, resumed from its checkpoint, or reused), {@code features-CT}/
 * {@code features-PET} (bottleneck features of the training and external cohorts),
 * {@code cv-<endpoint>} (the paper's cross-validated protocol, risk-group survival, baselines and
 * external validation of one endpoint) and {@code summary} (the results document). A step reads
 * the outputs of the steps it depends on and returns its own output as JSON; the same code runs a
 * step in a job on a worker and in a headless `experiment run`, so both give the same numbers.
 */
@Service
public class ExperimentSteps {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext db;
    private final SegmentationModels models;

    public ExperimentSteps(DSLContext db, SegmentationModels models) {
        this.db = db;
        this.models = models;
    }

    /** What a step knows about its run. */
    public record Run(long runId, long projectId, String experimentName, int version, ExperimentConfig config) {
    }

    /** Where a step reports progress and log lines. */
    public interface Reporter {
        void progress(double fraction, String message);

        void log(String message);

        /** The job running the step, if it runs as one (a training's model then points to it for live curves). */
        default Long jobId() {
            return null;
        }
    }

    /** Thrown when a step stopped because its run was cancelled. */
    public static final class Cancelled extends RuntimeException {
        Cancelled(String step) {
            super(step + " was cancelled");
        }
    }

    /** The steps of a configuration with the steps each depends on, in an order that respects them. */
    public static Map<String, List<String>> graph(ExperimentConfig c) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        List<String> features = new ArrayList<>();
        for (String m : c.modalities()) {
            g.put("train-" + m, List.of());
        }
        for (String m : c.modalities()) {
            g.put("features-" + m, List.of("train-" + m));
            features.add("features-" + m);
        }
        List<String> cvs = new ArrayList<>();
        for (String e : c.endpoints()) {
            g.put("cv-" + e, List.copyOf(features));
            cvs.add("cv-" + e);
        }
        g.put("summary", List.copyOf(cvs));
        return g;
    }

    /** Runs one step; {@code outputs} holds the JSON outputs of the finished steps of the run. */
    public Map<String, Object> execute(Run run, String step, Map<String, Map<String, Object>> outputs, Reporter reporter,
            BooleanSupplier cancelled) throws IOException {
        if (step.startsWith("train-")) {
            return train(run, step.substring(6), reporter, cancelled);
        }
        if (step.startsWith("features-")) {
            return features(run, step.substring(9), outputs, reporter, cancelled);
        }
        if (step.startsWith("cv-")) {
            return crossValidate(run, step.substring(3), outputs, reporter);
        }
        if (step.equals("summary")) {
            return summary(run, outputs);
        }
        throw new IllegalArgumentException("unknown experiment step '" + step + "'");
    }

    // ---- train ------------------------------------------------------------------------------

    private Map<String, Object> train(Run run, String modality, Reporter reporter, BooleanSupplier cancelled) throws IOException {
        ExperimentConfig c = run.config();
        long cohortId = c.trainingCohortId();
        String given = c.models().get(modality);
        Long id = given == null ? null : reusable(run.projectId(), modality, given);
        if (id == null) {
            String base = run.experimentName() + "-" + modality.toLowerCase(Locale.ROOT) + "-seed" + c.segmentation().seed();
            String settings = JSON.writeValueAsString(c.segmentation().toMap());
            var row = db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.PROJECT_ID.eq(run.projectId()).and(TRAINED_MODEL.NAME.eq(base)))
                    .fetchOne();
            String name = base;
            if (row != null && !(settings.equals(row.getConfiguration()) && cohortId == row.getCohortId())) {
                // another version of the experiment trains with other settings: its own model
                name = base + "-" + Hashing.sha256Hex(settings + "/" + cohortId).substring(0, 8);
                String n = name;
                row = db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.PROJECT_ID.eq(run.projectId()).and(TRAINED_MODEL.NAME.eq(n)))
                        .fetchOne();
            }
            if (row == null) {
                id = models.create(run.projectId(), cohortId, modality, name, c.segmentation(), null);
                reporter.log(modality + ": training U-Net '" + name + "' (model " + id + ")");
            } else {
                id = row.getId();
                if (!"READY".equals(row.getStatus())) {
                    reporter.log(modality + ": resuming the training of '" + name + "' (model " + id + ")");
                }
            }
            SegmentationModels.Model m = models.get(id);
            if (reporter.jobId() != null) {
                models.setJob(id, reporter.jobId());
            }
            if (!"READY".equals(m.status())) {
                TrainingResult result = models.train(id, (f, message) -> {
                    reporter.progress(f, modality + " " + message);
                    reporter.log(modality + " " + message);
                }, cancelled);
                if (result.status() == TrainingResult.Status.CANCELLED) {
                    throw new Cancelled("train-" + modality);
                }
                if (result.bestModel() == null) {
                    throw new ValidationException(modality + " U-Net '" + name + "' did not finish an epoch");
                }
            } else {
                reporter.log(modality + ": reusing model '" + name + "' (model " + id + ")");
            }
        } else {
            reporter.log(modality + ": reusing model '" + given + "' (model " + id + ")");
        }
        SegmentationModels.Model m = models.get(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", m.name());
        out.put("epochs", m.epochs());
        out.put("bestEpoch", m.bestEpoch());
        out.put("bestValidationDice", m.bestValidationDice());
        return out;
    }

    /** A model named (or numbered) in the configuration; it must be READY and of the modality. */
    private long reusable(long projectId, String modality, String given) {
        var row = db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.PROJECT_ID.eq(projectId)
                .and(TRAINED_MODEL.NAME.eq(given).or(given.matches("\\d+") ? TRAINED_MODEL.ID.eq(Long.parseLong(given)) : DSL.falseCondition())))
                .fetchOne();
        if (row == null) {
            throw new ValidationException("no model '" + given + "' for " + modality + " in this project");
        }
        if (!modality.equals(row.getModality())) {
            throw new ValidationException("model '" + given + "' is a " + row.getModality() + " model, not " + modality);
        }
        if (!"READY".equals(row.getStatus())) {
            throw new ValidationException("model '" + given + "' is " + row.getStatus() + ", not READY");
        }
        return row.getId();
    }

    // ---- features ---------------------------------------------------------------------------

    private Map<String, Object> features(Run run, String modality, Map<String, Map<String, Object>> outputs, Reporter reporter,
            BooleanSupplier cancelled) throws IOException {
        long modelId = modelId(outputs, modality);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelId", modelId);
        List<Long> cohorts = new ArrayList<>(List.of(run.config().trainingCohortId()));
        if (run.config().externalCohortId() != null) {
            cohorts.add(run.config().externalCohortId());
        }
        for (int i = 0; i < cohorts.size(); i++) {
            double from = (double) i / cohorts.size();
            double span = 1.0 / cohorts.size();
            SegmentationModels.FeatureSet set = models.featuresOf(modelId, cohorts.get(i),
                    (f, m) -> reporter.progress(from + span * f, modality + " " + m), cancelled);
            if (cancelled.getAsBoolean()) {
                throw new Cancelled("features-" + modality);
            }
            reporter.log(modality + ": " + set.features() + " bottleneck features of " + set.patients() + " patients ("
                    + (i == 0 ? "training" : "external") + " cohort)");
            out.put(i == 0 ? "training" : "external", set.id());
            if (i == 0) {
                out.put("patients", set.patients());
                out.put("features", set.features());
            }
        }
        return out;
    }

    private static long modelId(Map<String, Map<String, Object>> outputs, String modality) {
        Map<String, Object> train = outputs.get("train-" + modality);
        if (train == null) {
            throw new IllegalStateException("step train-" + modality + " has not finished");
        }
        return ((Number) train.get("id")).longValue();
    }

    /** Features of a cohort under every modality's model, joined by patient (patients with every modality). */
    FeatureTable table(Run run, Map<String, Map<String, Object>> outputs, boolean external) {
        List<FeatureFile> files = new ArrayList<>();
        for (String modality : run.config().modalities()) {
            Map<String, Object> f = outputs.get("features-" + modality);
            long setId = ((Number) f.get(external ? "external" : "training")).longValue();
            SegmentationModels.FeatureSet set = models.featureSets(((Number) f.get("modelId")).longValue()).stream()
                    .filter(s -> s.id() == setId).findFirst().orElseThrow(() -> new IllegalStateException("feature set " + setId + " is gone"));
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

    // ---- cross-validation of one endpoint ---------------------------------------------------

    static CrossValidation.Options options(ExperimentConfig c, int columns) {
        return new CrossValidation.Options(c.folds(), c.repeats(), c.kMin(), Math.max(c.kMin(), Math.min(c.kMax(), columns - 1)),
                c.restarts(), switch (c.lambdaRule()) {
                    case "cv-min" -> CrossValidation.LambdaRule.CV_MIN;
                    case "cv-1se" -> CrossValidation.LambdaRule.CV_1SE;
                    default -> CrossValidation.LambdaRule.FIXED;
                }, c.fixedLambda() == null ? Double.NaN : c.fixedLambda(), Family.valueOf(c.lassoFamily().toUpperCase(Locale.ROOT)),
                c.innerFolds(), 0.5, c.seed(), Runtime.getRuntime().availableProcessors(), c.balancedFolds(),
                "medoid".equals(c.silhouette()) ? MedoidSelection.Criterion.MEDOID_SILHOUETTE : MedoidSelection.Criterion.EXACT_SILHOUETTE);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> crossValidate(Run run, String label, Map<String, Map<String, Object>> outputs, Reporter reporter) {
        ExperimentConfig c = run.config();
        Endpoint endpoint = Endpoint.of(label);
        FeatureTable features = table(run, outputs, false);
        CrossValidation.Options options = options(c, features.cols());
        Clinical clinical = clinical(c.trainingCohortId(), endpoint, c.permuteLabels() ? c.seed() : null);
        reporter.log(label + ": cross-validation on " + clinical.outcome().size() + " qualifying patients");
        reporter.progress(0.05, label + ": cross-validation of " + clinical.outcome().size() + " patients");
        CrossValidation.Result cv;
        try {
            cv = CrossValidation.run(label, features, clinical.outcome(), options);
        } catch (StatsInputException ex) {
            // an endpoint this cohort cannot support (e.g. too few survivors at 5 years) is reported, not fatal
            reporter.log(label + ": not evaluated: " + ex.getMessage());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("endpoint", label);
            e.put("patients", clinical.outcome().size());
            e.put("error", ex.getMessage());
            return e;
        }
        Map<String, Object> e = new LinkedHashMap<>(JSON.convertValue(cv, Map.class));
        Map<String, Double> pooled = cv.pooledPredictions();
        e.put("outcomes", new LinkedHashMap<>(clinical.outcome()));
        e.put("stableFeatures", cv.stableFeatures(Integer.MAX_VALUE));
        e.put("survival", RiskGroupSurvival.compute(pooled, clinical.times(), 0.5, features, cv.stableFeatures(5)));
        e.put("baselines", baselines(c.trainingCohortId(), c.baselines(), pooled, clinical.outcome()));
        reporter.progress(0.8, label + ": cross-validation done, AUC " + String.format(Locale.ROOT, "%.3f", cv.summary().get("auc").mean()));
        if (c.externalCohortId() != null) {
            FeatureTable external = table(run, outputs, true);
            Clinical ext = clinical(c.externalCohortId(), endpoint, null);
            Map<String, Object> xe = new LinkedHashMap<>();
            try {
                CrossValidation.External x = CrossValidation.external(features, clinical.outcome(), external, ext.outcome(), options);
                xe.put("patients", x.patients());
                xe.put("deaths", x.deaths());
                xe.put("selectedFeatures", x.model().selectedFeatures());
                xe.put("chosenK", x.model().chosenK());
                xe.put("lambda", x.model().lambda());
                xe.put("metrics", x.metrics());
                xe.put("delongCi", x.delongCi());
                xe.put("predictions", x.predictions());
                xe.put("outcomes", new LinkedHashMap<>(ext.outcome()));
            } catch (StatsInputException ex) {
                reporter.log(label + ": external validation not evaluated: " + ex.getMessage());
                xe.put("patients", ext.outcome().size());
                xe.put("error", ex.getMessage());
            }
            e.put("external", xe);
        }
        reporter.log(String.format(Locale.ROOT, "%s: AUC %.3f (fold interval %.3f-%.3f)", label, cv.summary().get("auc").mean(),
                cv.summary().get("auc").foldInterval()[0], cv.summary().get("auc").foldInterval()[1]));
        return JSON.convertValue(e, Map.class); // plain maps and lists, as read back from the database
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
            int column = ExperimentConfig.ALL_BASELINES.indexOf(name);
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

    // ---- summary ----------------------------------------------------------------------------

    /** The results document (docs/EXPERIMENT_JSON.md) from the outputs of the other steps. */
    private Map<String, Object> summary(Run run, Map<String, Map<String, Object>> outputs) {
        ExperimentConfig c = run.config();
        Map<String, Object> modelInfo = new LinkedHashMap<>();
        int columns = 0;
        int patients = Integer.MAX_VALUE;
        for (String m : c.modalities()) {
            modelInfo.put(m, outputs.get("train-" + m));
            Map<String, Object> f = outputs.get("features-" + m);
            columns += ((Number) f.get("features")).intValue();
            patients = Math.min(patients, ((Number) f.get("patients")).intValue());
        }
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (String e : c.endpoints()) {
            endpoints.put(e, outputs.get("cv-" + e));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("name", run.experimentName());
        results.put("version", run.version());
        results.put("runId", run.runId());
        results.put("projectId", run.projectId());
        results.put("cohort", cohortInfo(c.trainingCohortId(), patients));
        results.put("externalCohort", c.externalCohortId() == null ? null : cohortInfo(c.externalCohortId(), null));
        results.put("permutedLabels", c.permuteLabels());
        results.put("models", modelInfo);
        results.put("features", columns);
        results.put("configuration", JSON.convertValue(c, Map.class));
        results.put("endpoints", endpoints);
        return results;
    }

    private Map<String, Object> cohortInfo(long cohortId, Integer patients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", cohortId);
        m.put("name", db.select(COHORT.NAME).from(COHORT).where(COHORT.ID.eq(cohortId)).fetchOne(COHORT.NAME));
        m.put("patients", patients != null ? patients : db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(cohortId)));
        return m;
    }

    /** A reporter for a job: its progress and log; cancellation noticed at the next check. */
    public static Reporter of(JobContext context) {
        return new Reporter() {
            @Override
            public void progress(double fraction, String message) {
                try {
                    context.progress(fraction, message);
                } catch (JobContext.JobCancelledException e) {
                    // acted on at the step's next cancellation check
                }
            }

            @Override
            public void log(String message) {
                context.log(message);
            }

            @Override
            public Long jobId() {
                return context.jobId();
            }
        };
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static io.segsurv.db.generated.Tables.EXPERIMENT;
import static io.segsurv.db.generated.Tables.EXPERIMENT_RUN;
import static io.segsurv.db.generated.Tables.EXPERIMENT_STEP;
import static io.segsurv.db.generated.Tables.EXPERIMENT_VERSION;
import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.RESULT_CURVE;
import static io.segsurv.db.generated.Tables.RESULT_FOLD;
import static io.segsurv.db.generated.Tables.RESULT_PREDICTION;

import io.segsurv.base.Hashing;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.config.CodeVersion;
import io.segsurv.evaluation.Direction;
import io.segsurv.evaluation.Roc;
import io.segsurv.job.JobQueue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs of experiment versions and their steps, stored in the database: creating a run (which
 * freezes its configuration version), queueing the steps whose dependencies have finished as jobs,
 * recording a step's state, progress and output, and the per-fold results, predictions and ROC
 * curves of each endpoint. No access checks: {@link ExperimentService} checks before calling, jobs
 * and the command line run as the system.
 */
@Component
@Transactional
public class ExperimentRuns {

    public static final String STEP_JOB = "experiment.step";
    private static final JsonMapper JSON = ExperimentSteps.JSON;

    private final DSLContext db;
    private final JobQueue queue;

    public ExperimentRuns(DSLContext db, JobQueue queue) {
        this.db = db;
        this.queue = queue;
    }

    /** A run as listed and shown; {@code state} is derived from its steps. */
    public record Run(long id, long experimentId, String experimentName, long projectId, long versionId, int version,
            ExperimentConfig config, String mode, StepState state, OffsetDateTime createdAt, OffsetDateTime finishedAt,
            boolean hasResults) {
    }

    public enum StepState {
        WAITING, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** One step of a run; a failed or cancelled job shows through when the step did not finish. */
    public record Step(long id, String name, int position, List<String> dependsOn, StepState state, double progress, String message,
            Long jobId, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    // ---- versions -----------------------------------------------------------------------------

    /**
     * The experiment of that name with this configuration: created when missing; the latest version
     * reused when its configuration is the same, updated while it is an unrun draft, else a new version.
     * Returns the version's id.
     */
    public long versionFor(long projectId, String name, String description, ExperimentConfig config, Long userId) {
        config.validated();
        String json = JSON.writeValueAsString(config);
        Long experimentId = db.select(EXPERIMENT.ID).from(EXPERIMENT)
                .where(EXPERIMENT.PROJECT_ID.eq(projectId).and(EXPERIMENT.NAME.eq(name))).fetchOne(EXPERIMENT.ID);
        if (experimentId == null) {
            experimentId = db.insertInto(EXPERIMENT).set(EXPERIMENT.PROJECT_ID, projectId).set(EXPERIMENT.NAME, name)
                    .set(EXPERIMENT.DESCRIPTION, description == null ? "" : description).set(EXPERIMENT.CREATED_BY, userId)
                    .returning(EXPERIMENT.ID).fetchOne().getId();
        }
        var latest = db.selectFrom(EXPERIMENT_VERSION).where(EXPERIMENT_VERSION.EXPERIMENT_ID.eq(experimentId))
                .orderBy(EXPERIMENT_VERSION.VERSION.desc()).limit(1).fetchOne();
        if (latest != null && latest.getConfigSha256().equals(Hashing.sha256Hex(json))) {
            return latest.getId();
        }
        if (latest != null && !latest.getLocked()) {
            db.update(EXPERIMENT_VERSION).set(EXPERIMENT_VERSION.CONFIGURATION, json).set(EXPERIMENT_VERSION.CONFIG_SHA256, Hashing.sha256Hex(json))
                    .set(EXPERIMENT_VERSION.CODE_VERSION, CodeVersion.current()).where(EXPERIMENT_VERSION.ID.eq(latest.getId())).execute();
            return latest.getId();
        }
        return db.insertInto(EXPERIMENT_VERSION).set(EXPERIMENT_VERSION.EXPERIMENT_ID, experimentId)
                .set(EXPERIMENT_VERSION.VERSION, latest == null ? 1 : latest.getVersion() + 1)
                .set(EXPERIMENT_VERSION.CONFIGURATION, json).set(EXPERIMENT_VERSION.CONFIG_SHA256, Hashing.sha256Hex(json))
                .set(EXPERIMENT_VERSION.CODE_VERSION, CodeVersion.current()).set(EXPERIMENT_VERSION.CREATED_BY, userId)
                .returning(EXPERIMENT_VERSION.ID).fetchOne().getId();
    }

    // ---- runs ---------------------------------------------------------------------------------

    /** A new run of a version (which is frozen from now on) with its steps waiting. */
    public long create(long versionId, String mode, Long userId) {
        var version = db.selectFrom(EXPERIMENT_VERSION).where(EXPERIMENT_VERSION.ID.eq(versionId)).forUpdate().fetchOne();
        if (version == null) {
            throw new NotFoundException("No experiment version " + versionId);
        }
        ExperimentConfig config = ExperimentService.fromJson(version.getConfiguration()).validated();
        db.update(EXPERIMENT_VERSION).set(EXPERIMENT_VERSION.LOCKED, true).where(EXPERIMENT_VERSION.ID.eq(versionId)).execute();
        long runId = db.insertInto(EXPERIMENT_RUN).set(EXPERIMENT_RUN.EXPERIMENT_VERSION_ID, versionId).set(EXPERIMENT_RUN.MODE, mode)
                .set(EXPERIMENT_RUN.CREATED_BY, userId).returning(EXPERIMENT_RUN.ID).fetchOne().getId();
        int position = 0;
        for (var e : ExperimentSteps.graph(config).entrySet()) {
            db.insertInto(EXPERIMENT_STEP).set(EXPERIMENT_STEP.RUN_ID, runId).set(EXPERIMENT_STEP.NAME, e.getKey())
                    .set(EXPERIMENT_STEP.POSITION, position++).set(EXPERIMENT_STEP.DEPENDS_ON, String.join(",", e.getValue())).execute();
        }
        return runId;
    }

    /** A run on the job queue, in one transaction: the run and its steps recorded, the first steps queued. */
    public long launch(long versionId, Long userId) {
        long runId = create(versionId, "JOBS", userId);
        submitReady(runId);
        return runId;
    }

    /**
     * Queues as jobs the waiting steps whose dependencies have all succeeded. Safe to call from
     * several workers at once: a step is claimed by a conditional update before its job is submitted.
     */
    public List<Long> submitReady(long runId) {
        Run run = run(runId);
        Map<String, StepState> states = new LinkedHashMap<>();
        List<Step> steps = steps(runId);
        steps.forEach(s -> states.put(s.name(), s.state()));
        List<Long> jobs = new ArrayList<>();
        for (Step s : steps) {
            if (s.state() != StepState.WAITING || !s.dependsOn().stream().allMatch(d -> states.get(d) == StepState.SUCCEEDED)) {
                continue;
            }
            if (db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.STATE, StepState.QUEUED.name())
                    .where(EXPERIMENT_STEP.ID.eq(s.id()).and(EXPERIMENT_STEP.STATE.eq(StepState.WAITING.name()))).execute() != 1) {
                continue;
            }
            boolean gpu = s.name().startsWith("train-") && "gpu".equals(run.config().segmentation().device());
            long jobId = queue.submit(STEP_JOB, run.projectId(), null, "{\"runId\": " + runId + ", \"step\": \"" + s.name() + "\"}", gpu, 3);
            db.update(JOB).set(JOB.EXPERIMENT_VERSION_ID, run.versionId()).where(JOB.ID.eq(jobId)).execute();
            db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.JOB_ID, jobId).where(EXPERIMENT_STEP.ID.eq(s.id())).execute();
            jobs.add(jobId);
        }
        return jobs;
    }

    /** A step starts (again, after a crash): RUNNING unless it has already finished. False when it has. */
    public boolean start(long runId, String step) {
        return db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.STATE, StepState.RUNNING.name())
                .set(EXPERIMENT_STEP.STARTED_AT, DSL.coalesce(EXPERIMENT_STEP.STARTED_AT, DSL.currentOffsetDateTime()))
                .where(EXPERIMENT_STEP.RUN_ID.eq(runId).and(EXPERIMENT_STEP.NAME.eq(step))
                        .and(EXPERIMENT_STEP.STATE.ne(StepState.SUCCEEDED.name())))
                .execute() == 1;
    }

    public void progress(long runId, String step, double fraction, String message) {
        db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.PROGRESS, Math.max(0, Math.min(1, fraction)))
                .set(EXPERIMENT_STEP.MESSAGE, truncate(message))
                .where(EXPERIMENT_STEP.RUN_ID.eq(runId).and(EXPERIMENT_STEP.NAME.eq(step))).execute();
    }

    /** A step that stopped without output (failed or cancelled); its job may still retry it. */
    public void stopped(long runId, String step, StepState state, String message) {
        db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.STATE, state.name()).set(EXPERIMENT_STEP.MESSAGE, truncate(message))
                .where(EXPERIMENT_STEP.RUN_ID.eq(runId).and(EXPERIMENT_STEP.NAME.eq(step))
                        .and(EXPERIMENT_STEP.STATE.ne(StepState.SUCCEEDED.name()))).execute();
    }

    /**
     * A step finished: its output stored, an endpoint's folds, predictions and ROC curves recorded,
     * the summary stored as the run's results; then (for a run on jobs) the next steps queued.
     */
    public void complete(long runId, String step, Map<String, Object> output) {
        complete(runId, step, output, null);
    }

    /**
     * As {@link #complete(long, String, Map)}, with the step's final message (its last log line)
     * replacing the last progress message, so a finished step does not show "features of 136 of 150".
     */
    public void complete(long runId, String step, Map<String, Object> output, String finalMessage) {
        Run run = run(runId);
        if (step.startsWith("cv-")) {
            storeEndpoint(run, step.substring(3), output);
        }
        db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.STATE, StepState.SUCCEEDED.name()).set(EXPERIMENT_STEP.PROGRESS, 1.0)
                .set(EXPERIMENT_STEP.MESSAGE, finalMessage == null ? "done" : truncate(finalMessage))
                .set(EXPERIMENT_STEP.OUTPUT, JSON.writeValueAsString(output)).set(EXPERIMENT_STEP.FINISHED_AT, OffsetDateTime.now())
                .where(EXPERIMENT_STEP.RUN_ID.eq(runId).and(EXPERIMENT_STEP.NAME.eq(step))).execute();
        if (step.equals("summary")) {
            db.update(EXPERIMENT_RUN).set(EXPERIMENT_RUN.RESULTS, JSON.writeValueAsString(output))
                    .set(EXPERIMENT_RUN.FINISHED_AT, OffsetDateTime.now()).where(EXPERIMENT_RUN.ID.eq(runId)).execute();
        }
        if ("JOBS".equals(run.mode())) {
            submitReady(runId);
        }
    }

    /** Outputs of the run's finished steps, by step name. */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Object>> outputs(long runId) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        db.select(EXPERIMENT_STEP.NAME, EXPERIMENT_STEP.OUTPUT).from(EXPERIMENT_STEP)
                .where(EXPERIMENT_STEP.RUN_ID.eq(runId).and(EXPERIMENT_STEP.OUTPUT.isNotNull())).orderBy(EXPERIMENT_STEP.POSITION)
                .forEach(r -> out.put(r.value1(), JSON.readValue(r.value2(), new TypeReference<LinkedHashMap<String, Object>>() {
                })));
        return out;
    }

    /** Cancels the run's queued and running steps (a running training stops at its next step). */
    public int cancel(long runId) {
        int n = 0;
        for (Step s : steps(runId)) {
            if (s.jobId() != null && !s.state().finished() && queue.cancel(s.jobId())) {
                n++;
            }
            if (s.state() == StepState.WAITING || s.state() == StepState.QUEUED) {
                stopped(runId, s.name(), StepState.CANCELLED, "cancelled");
            }
        }
        return n;
    }

    /**
     * Resumes a failed or cancelled run: its failed and cancelled steps are queued again (a training
     * continues from its checkpoint), waiting ones follow as before.
     */
    public int resume(long runId) {
        int n = 0;
        for (Step s : steps(runId)) {
            if (s.state() == StepState.FAILED || s.state() == StepState.CANCELLED) {
                db.update(EXPERIMENT_STEP).set(EXPERIMENT_STEP.STATE, StepState.WAITING.name()).set(EXPERIMENT_STEP.MESSAGE, "resumed")
                        .setNull(EXPERIMENT_STEP.JOB_ID).where(EXPERIMENT_STEP.ID.eq(s.id())).execute();
                n++;
            }
        }
        submitReady(runId);
        return n;
    }

    @Transactional(readOnly = true)
    public Run run(long runId) {
        return runs(EXPERIMENT_RUN.ID.eq(runId)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No experiment run " + runId));
    }

    /** Runs of an experiment, newest first. */
    @Transactional(readOnly = true)
    public List<Run> runsOf(long experimentId) {
        return runs(EXPERIMENT_VERSION.EXPERIMENT_ID.eq(experimentId));
    }

    /** Runs of every experiment of a project, newest first. */
    @Transactional(readOnly = true)
    public List<Run> runsOfProject(long projectId) {
        return runs(EXPERIMENT.PROJECT_ID.eq(projectId));
    }

    /** The newest run of the experiment that has results (of any version), if any. */
    @Transactional(readOnly = true)
    public Optional<Run> latestWithResults(long experimentId) {
        return runsOf(experimentId).stream().filter(Run::hasResults).findFirst();
    }

    private List<Run> runs(org.jooq.Condition where) {
        var rows = db.select(EXPERIMENT_RUN.ID, EXPERIMENT.ID, EXPERIMENT.NAME, EXPERIMENT.PROJECT_ID, EXPERIMENT_VERSION.ID,
                        EXPERIMENT_VERSION.VERSION, EXPERIMENT_VERSION.CONFIGURATION, EXPERIMENT_RUN.MODE, EXPERIMENT_RUN.CREATED_AT,
                        EXPERIMENT_RUN.FINISHED_AT, EXPERIMENT_RUN.RESULTS.isNotNull())
                .from(EXPERIMENT_RUN).join(EXPERIMENT_VERSION).on(EXPERIMENT_VERSION.ID.eq(EXPERIMENT_RUN.EXPERIMENT_VERSION_ID))
                .join(EXPERIMENT).on(EXPERIMENT.ID.eq(EXPERIMENT_VERSION.EXPERIMENT_ID)).where(where)
                .orderBy(EXPERIMENT_RUN.ID.desc()).fetch();
        List<Run> out = new ArrayList<>();
        for (var r : rows) {
            out.add(new Run(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), ExperimentService.fromJson(r.value7()),
                    r.value8(), state(steps(r.value1())), r.value9(), r.value10(), r.value11()));
        }
        return out;
    }

    /** The run's state: succeeded when every step has; failed/cancelled when a step is; running when one runs. */
    static StepState state(List<Step> steps) {
        if (!steps.isEmpty() && steps.stream().allMatch(s -> s.state() == StepState.SUCCEEDED)) {
            return StepState.SUCCEEDED;
        }
        for (StepState s : List.of(StepState.FAILED, StepState.CANCELLED, StepState.RUNNING, StepState.QUEUED)) {
            if (steps.stream().anyMatch(x -> x.state() == s)) {
                return s;
            }
        }
        return StepState.WAITING;
    }

    @Transactional(readOnly = true)
    public List<Step> steps(long runId) {
        return db.select(EXPERIMENT_STEP.ID, EXPERIMENT_STEP.NAME, EXPERIMENT_STEP.POSITION, EXPERIMENT_STEP.DEPENDS_ON, EXPERIMENT_STEP.STATE,
                        EXPERIMENT_STEP.PROGRESS, EXPERIMENT_STEP.MESSAGE, EXPERIMENT_STEP.JOB_ID, EXPERIMENT_STEP.STARTED_AT,
                        EXPERIMENT_STEP.FINISHED_AT, JOB.STATE, JOB.MESSAGE, JOB.PROGRESS)
                .from(EXPERIMENT_STEP).leftJoin(JOB).on(JOB.ID.eq(EXPERIMENT_STEP.JOB_ID))
                .where(EXPERIMENT_STEP.RUN_ID.eq(runId)).orderBy(EXPERIMENT_STEP.POSITION)
                .fetch(r -> {
                    StepState state = StepState.valueOf(r.value5());
                    String message = r.value7();
                    double progress = r.value6();
                    String job = r.value11();
                    if (job != null && state != StepState.SUCCEEDED) {
                        // the job's view wins while the step has not finished: queued again after a crash, failed for good, cancelled
                        switch (job) {
                            case "FAILED" -> state = StepState.FAILED;
                            case "CANCELLED" -> state = StepState.CANCELLED;
                            case "QUEUED" -> state = state == StepState.RUNNING || state == StepState.FAILED ? StepState.QUEUED : state;
                            case "RUNNING" -> state = StepState.RUNNING;
                            default -> {
                            }
                        }
                        if (!"SUCCEEDED".equals(job) && r.value12() != null && !r.value12().isBlank()
                                && (state == StepState.FAILED || state == StepState.QUEUED)) {
                            message = r.value12();
                        }
                    }
                    List<String> deps = r.value4().isEmpty() ? List.of() : List.of(r.value4().split(","));
                    return new Step(r.value1(), r.value2(), r.value3(), deps, state, progress, message, r.value8(), r.value9(), r.value10());
                });
    }

    /** The results document of a run (null until its summary step finished). */
    @Transactional(readOnly = true)
    public Map<String, Object> results(long runId) {
        String json = db.select(EXPERIMENT_RUN.RESULTS).from(EXPERIMENT_RUN).where(EXPERIMENT_RUN.ID.eq(runId)).fetchOne(EXPERIMENT_RUN.RESULTS);
        return json == null ? null : JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    // ---- per-fold results -----------------------------------------------------------------------

    /** One out-of-fold prediction of a run, for the patient list. */
    public record Prediction(String endpoint, int repeat, int fold, long patientId, String pseudonym, double probability, int outcome) {
    }

    @SuppressWarnings("unchecked")
    private void storeEndpoint(Run run, String endpoint, Map<String, Object> e) {
        db.deleteFrom(RESULT_FOLD).where(RESULT_FOLD.RUN_ID.eq(run.id()).and(RESULT_FOLD.ENDPOINT.eq(endpoint))).execute();
        db.deleteFrom(RESULT_CURVE).where(RESULT_CURVE.RUN_ID.eq(run.id()).and(RESULT_CURVE.ENDPOINT.eq(endpoint))).execute();
        if (!(e.get("folds") instanceof List<?> folds)) {
            return; // not evaluated
        }
        Map<String, Object> outcomes = (Map<String, Object>) e.get("outcomes");
        Map<String, Long> patientIds = new LinkedHashMap<>();
        db.select(PATIENT.PSEUDONYM, PATIENT.ID).from(PATIENT).where(PATIENT.COHORT_ID.eq(run.config().trainingCohortId()))
                .forEach(r -> patientIds.put(r.value1(), r.value2()));
        List<Double> pooledP = new ArrayList<>();
        List<Integer> pooledY = new ArrayList<>();
        for (Object o : folds) {
            Map<String, Object> f = (Map<String, Object>) o;
            Map<String, Object> metrics = (Map<String, Object>) f.get("metrics");
            long foldId = db.insertInto(RESULT_FOLD).set(RESULT_FOLD.EXPERIMENT_VERSION_ID, run.versionId()).set(RESULT_FOLD.RUN_ID, run.id())
                    .set(RESULT_FOLD.ENDPOINT, endpoint).set(RESULT_FOLD.REPEAT_INDEX, ((Number) f.get("repeat")).intValue())
                    .set(RESULT_FOLD.FOLD_INDEX, ((Number) f.get("fold")).intValue())
                    .set(RESULT_FOLD.ACCURACY, number(metrics.get("accuracy"))).set(RESULT_FOLD.SENSITIVITY, number(metrics.get("sensitivity")))
                    .set(RESULT_FOLD.SPECIFICITY, number(metrics.get("specificity"))).set(RESULT_FOLD.AUC, number(metrics.get("auc")))
                    .set(RESULT_FOLD.THRESHOLD, number(metrics.get("threshold"))).set(RESULT_FOLD.LASSO_LAMBDA, number(f.get("lambda")))
                    .set(RESULT_FOLD.CHOSEN_K, ((Number) f.get("chosenK")).intValue())
                    .set(RESULT_FOLD.SELECTED_FEATURES, String.join(",", (List<String>) f.get("selectedFeatures")))
                    .returning(RESULT_FOLD.ID).fetchOne().getId();
            Map<String, Object> predictions = (Map<String, Object>) f.get("predictions");
            double[] p = new double[predictions.size()];
            int[] y = new int[predictions.size()];
            int i = 0;
            for (var pr : predictions.entrySet()) {
                p[i] = ((Number) pr.getValue()).doubleValue();
                y[i] = ((Number) outcomes.get(pr.getKey())).intValue();
                pooledP.add(p[i]);
                pooledY.add(y[i]);
                Long patientId = patientIds.get(pr.getKey());
                if (patientId != null) {
                    db.insertInto(RESULT_PREDICTION).set(RESULT_PREDICTION.RESULT_FOLD_ID, foldId).set(RESULT_PREDICTION.PATIENT_ID, patientId)
                            .set(RESULT_PREDICTION.PROBABILITY, p[i]).set(RESULT_PREDICTION.OUTCOME, y[i]).execute();
                }
                i++;
            }
            curve(run, endpoint, foldId, p, y);
        }
        curve(run, endpoint, null, pooledP.stream().mapToDouble(Double::doubleValue).toArray(),
                pooledY.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The ROC curve of P(survival) for survival (the positive class), as [[fpr, tpr], ...]. */
    private void curve(Run run, String endpoint, Long foldId, double[] p, int[] y) {
        if (Arrays.stream(y).distinct().count() < 2) {
            return;
        }
        Roc roc = Roc.compute(p, y, 1, Direction.HIGHER_IS_POSITIVE);
        List<double[]> points = new ArrayList<>();
        for (Roc.RocPoint point : roc.points()) {
            points.add(new double[] {1 - point.specificity(), point.sensitivity()});
        }
        db.insertInto(RESULT_CURVE).set(RESULT_CURVE.EXPERIMENT_VERSION_ID, run.versionId()).set(RESULT_CURVE.RUN_ID, run.id())
                .set(RESULT_CURVE.RESULT_FOLD_ID, foldId).set(RESULT_CURVE.ENDPOINT, endpoint).set(RESULT_CURVE.KIND, "ROC")
                .set(RESULT_CURVE.POINTS, JSON.writeValueAsString(points)).execute();
    }

    /** ROC curves of a run's endpoint: fold index (or -1 for the pooled curve) -> points. */
    @Transactional(readOnly = true)
    public Map<Integer, double[][]> rocCurves(long runId, String endpoint) {
        Map<Integer, double[][]> out = new LinkedHashMap<>();
        db.select(RESULT_FOLD.FOLD_INDEX, RESULT_FOLD.REPEAT_INDEX, RESULT_CURVE.POINTS).from(RESULT_CURVE)
                .leftJoin(RESULT_FOLD).on(RESULT_FOLD.ID.eq(RESULT_CURVE.RESULT_FOLD_ID))
                .where(RESULT_CURVE.RUN_ID.eq(runId).and(RESULT_CURVE.ENDPOINT.eq(endpoint)).and(RESULT_CURVE.KIND.eq("ROC")))
                .orderBy(RESULT_CURVE.ID)
                .forEach(r -> out.put(r.value1() == null ? -1 : r.value2() * 1000 + r.value1(), JSON.readValue(r.value3(), double[][].class)));
        return out;
    }

    /** Out-of-fold predictions of a run, by endpoint then pseudonym. */
    @Transactional(readOnly = true)
    public List<Prediction> predictions(long runId) {
        return db.select(RESULT_FOLD.ENDPOINT, RESULT_FOLD.REPEAT_INDEX, RESULT_FOLD.FOLD_INDEX, PATIENT.ID, PATIENT.PSEUDONYM,
                        RESULT_PREDICTION.PROBABILITY, RESULT_PREDICTION.OUTCOME)
                .from(RESULT_PREDICTION).join(RESULT_FOLD).on(RESULT_FOLD.ID.eq(RESULT_PREDICTION.RESULT_FOLD_ID))
                .join(PATIENT).on(PATIENT.ID.eq(RESULT_PREDICTION.PATIENT_ID))
                .where(RESULT_FOLD.RUN_ID.eq(runId)).orderBy(PATIENT.PSEUDONYM, RESULT_FOLD.ENDPOINT, RESULT_FOLD.REPEAT_INDEX)
                .fetch(r -> new Prediction(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    private static Double number(Object o) {
        if (!(o instanceof Number n)) {
            return null;
        }
        double v = n.doubleValue();
        return Double.isFinite(v) ? v : null;
    }

    private static String truncate(String s) {
        String v = s == null ? "" : s;
        return v.length() > 1000 ? v.substring(0, 997) + "..." : v;
    }

    /** Throws when a run with this id does not belong to the project. */
    @Transactional(readOnly = true)
    public void requireInProject(long runId, long projectId) {
        if (run(runId).projectId() != projectId) {
            throw new ValidationException("run " + runId + " is not a run of this project");
        }
    }
}

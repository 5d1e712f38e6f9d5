/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.EXPERIMENT;
import static io.segsurv.db.generated.Tables.EXPERIMENT_VERSION;

import io.segsurv.audit.AuditService;
import io.segsurv.base.Hashing;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.config.CodeVersion;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Experiments and their versioned configurations. A version that has been run is locked; saving
 * a changed configuration then creates the next version, so every result keeps the exact
 * configuration it came from.
 */
@Service
@Transactional
public class ExperimentService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext db;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final AuditService audit;
    private final ExperimentRuns runs;

    public ExperimentService(DSLContext db, ProjectAccess access, CurrentUser currentUser, AuditService audit, ExperimentRuns runs) {
        this.db = db;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
        this.runs = runs;
    }

    // ---- runs ----------------------------------------------------------------------------------

    /**
     * Runs the experiment's latest configuration as jobs (which freezes it): the steps without
     * dependencies are queued at once, the others as their dependencies finish.
     */
    public ExperimentRuns.Run launch(long experimentId) {
        Experiment e = get(experimentId);
        access.requireManageData(e.projectId());
        for (ExperimentRuns.Run r : runs.runsOf(experimentId)) {
            if (!r.state().finished()) {
                throw new ValidationException("Run " + r.id() + " of " + e.name() + " is still " + r.state().name().toLowerCase()
                        + ": cancel it or wait until it finishes");
            }
        }
        long versionId = db.select(EXPERIMENT_VERSION.ID).from(EXPERIMENT_VERSION)
                .where(EXPERIMENT_VERSION.EXPERIMENT_ID.eq(experimentId).and(EXPERIMENT_VERSION.VERSION.eq(e.latestVersion())))
                .fetchOne(EXPERIMENT_VERSION.ID);
        long runId = runs.launch(versionId, currentUser.id());
        audit.record(currentUser.actor(), "EXPERIMENT_LAUNCHED", e.projectId(), null, e.name(), "version " + e.latestVersion() + ", run " + runId);
        return runs.run(runId);
    }

    @Transactional(readOnly = true)
    public List<ExperimentRuns.Run> runs(long experimentId) {
        get(experimentId);
        return runs.runsOf(experimentId);
    }

    @Transactional(readOnly = true)
    public ExperimentRuns.Run run(long runId) {
        ExperimentRuns.Run r;
        try {
            r = runs.run(runId);
        } catch (NotFoundException ex) {
            throw new NotFoundException("Run " + runId + " does not exist or you are not a member of its project");
        }
        if (access.role(r.projectId()).isEmpty()) {
            throw new NotFoundException("Run " + runId + " does not exist or you are not a member of its project");
        }
        return r;
    }

    @Transactional(readOnly = true)
    public List<ExperimentRuns.Step> steps(long runId) {
        run(runId);
        return runs.steps(runId);
    }

    /** The results document of a run, null until it finished. */
    @Transactional(readOnly = true)
    public java.util.Map<String, Object> results(long runId) {
        run(runId);
        return runs.results(runId);
    }

    @Transactional(readOnly = true)
    public java.util.Map<Integer, double[][]> rocCurves(long runId, String endpoint) {
        run(runId);
        return runs.rocCurves(runId, endpoint);
    }

    /** Out-of-fold predictions per patient: a patient-level view, audited. */
    public List<ExperimentRuns.Prediction> predictions(long runId) {
        ExperimentRuns.Run r = run(runId);
        audit.record(currentUser.actor(), "EXPERIMENT_PATIENTS_VIEWED", r.projectId(), null, r.experimentName(), "run " + runId);
        return runs.predictions(runId);
    }

    public int cancel(long runId) {
        ExperimentRuns.Run r = run(runId);
        access.requireManageData(r.projectId());
        audit.record(currentUser.actor(), "EXPERIMENT_CANCELLED", r.projectId(), null, r.experimentName(), "run " + runId);
        return runs.cancel(runId);
    }

    /** Queues a failed or cancelled run's unfinished steps again (trainings continue from their checkpoints). */
    public int resume(long runId) {
        ExperimentRuns.Run r = run(runId);
        access.requireManageData(r.projectId());
        if (!"JOBS".equals(r.mode())) {
            throw new ValidationException("Run " + runId + " ran on the command line; run it again there or launch it here");
        }
        audit.record(currentUser.actor(), "EXPERIMENT_RESUMED", r.projectId(), null, r.experimentName(), "run " + runId);
        return runs.resume(runId);
    }

    /** A copy of an experiment's latest configuration as a new experiment (clone and edit). */
    public Experiment cloneExperiment(long experimentId, String newName) {
        Experiment e = get(experimentId);
        return create(e.projectId(), newName, e.description(), e.config());
    }

    @Transactional(readOnly = true)
    public List<Experiment> list(long projectId, int offset, int limit) {
        access.requireMember(projectId);
        return query(EXPERIMENT.PROJECT_ID.eq(projectId), offset, limit);
    }

    @Transactional(readOnly = true)
    public int count(long projectId) {
        access.requireMember(projectId);
        return db.fetchCount(EXPERIMENT, EXPERIMENT.PROJECT_ID.eq(projectId));
    }

    @Transactional(readOnly = true)
    public Experiment get(long experimentId) {
        Long projectId = db.select(EXPERIMENT.PROJECT_ID).from(EXPERIMENT).where(EXPERIMENT.ID.eq(experimentId))
                .fetchOne(EXPERIMENT.PROJECT_ID);
        if (projectId == null || access.role(projectId).isEmpty()) {
            throw new NotFoundException("Experiment " + experimentId + " does not exist or you are not a member of its project");
        }
        return query(EXPERIMENT.ID.eq(experimentId), 0, 1).getFirst();
    }

    /** Project of an experiment, for permission checks before opening its configuration. */
    @Transactional(readOnly = true)
    public long projectOf(long experimentId) {
        return get(experimentId).projectId();
    }

    public Experiment create(long projectId, String name, String description, ExperimentConfig config) {
        access.requireManageData(projectId);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new ValidationException("Experiment name must have 1-200 characters");
        }
        if (db.fetchExists(EXPERIMENT, EXPERIMENT.PROJECT_ID.eq(projectId).and(EXPERIMENT.NAME.eq(n)))) {
            throw new ValidationException("This project already has an experiment named '" + n + "'");
        }
        checkCohorts(projectId, config.validated());
        long id = db.insertInto(EXPERIMENT).set(EXPERIMENT.PROJECT_ID, projectId).set(EXPERIMENT.NAME, n)
                .set(EXPERIMENT.DESCRIPTION, description == null ? "" : description.strip())
                .set(EXPERIMENT.CREATED_BY, currentUser.id())
                .returning(EXPERIMENT.ID).fetchOne().getId();
        insertVersion(id, 1, config);
        audit.record(currentUser.actor(), "EXPERIMENT_CREATED", projectId, null, n, "version 1");
        return get(id);
    }

    /** Saves a configuration: in place while the latest version is unlocked, else as a new version. */
    public Experiment saveConfig(long experimentId, String description, ExperimentConfig config) {
        Experiment e = get(experimentId);
        access.requireManageData(e.projectId());
        checkCohorts(e.projectId(), config.validated());
        if (description != null) {
            db.update(EXPERIMENT).set(EXPERIMENT.DESCRIPTION, description.strip()).where(EXPERIMENT.ID.eq(experimentId)).execute();
        }
        if (e.latestLocked()) {
            insertVersion(experimentId, e.latestVersion() + 1, config);
        } else {
            String json = toJson(config);
            db.update(EXPERIMENT_VERSION).set(EXPERIMENT_VERSION.CONFIGURATION, json).set(EXPERIMENT_VERSION.CONFIG_SHA256, sha256(json))
                    .set(EXPERIMENT_VERSION.CODE_VERSION, CodeVersion.current())
                    .where(EXPERIMENT_VERSION.EXPERIMENT_ID.eq(experimentId).and(EXPERIMENT_VERSION.VERSION.eq(e.latestVersion())))
                    .execute();
        }
        audit.record(currentUser.actor(), "EXPERIMENT_CONFIGURED", e.projectId(), null, e.name(), "");
        return get(experimentId);
    }

    private void checkCohorts(long projectId, ExperimentConfig config) {
        for (Long cohort : new Long[] {config.trainingCohortId(), config.externalCohortId()}) {
            if (cohort != null && !db.fetchExists(COHORT, COHORT.ID.eq(cohort).and(COHORT.PROJECT_ID.eq(projectId)))) {
                throw new ValidationException("Cohort " + cohort + " is not a cohort of this project");
            }
        }
    }

    private void insertVersion(long experimentId, int version, ExperimentConfig config) {
        String json = toJson(config);
        db.insertInto(EXPERIMENT_VERSION).set(EXPERIMENT_VERSION.EXPERIMENT_ID, experimentId).set(EXPERIMENT_VERSION.VERSION, version)
                .set(EXPERIMENT_VERSION.CONFIGURATION, json).set(EXPERIMENT_VERSION.CONFIG_SHA256, sha256(json))
                .set(EXPERIMENT_VERSION.CODE_VERSION, CodeVersion.current()).set(EXPERIMENT_VERSION.CREATED_BY, currentUser.id())
                .execute();
    }

    private List<Experiment> query(Condition where, int offset, int limit) {
        var latest = EXPERIMENT_VERSION.as("latest");
        return db.select(EXPERIMENT.ID, EXPERIMENT.PROJECT_ID, EXPERIMENT.NAME, EXPERIMENT.DESCRIPTION, EXPERIMENT.CREATED_AT,
                        latest.VERSION, latest.LOCKED, latest.CONFIGURATION)
                .from(EXPERIMENT).join(latest).on(latest.EXPERIMENT_ID.eq(EXPERIMENT.ID)
                        .and(latest.VERSION.eq(DSL.select(DSL.max(EXPERIMENT_VERSION.VERSION)).from(EXPERIMENT_VERSION)
                                .where(EXPERIMENT_VERSION.EXPERIMENT_ID.eq(EXPERIMENT.ID)))))
                .where(where).orderBy(EXPERIMENT.CREATED_AT.desc(), EXPERIMENT.ID.desc()).offset(offset).limit(limit)
                .fetch(r -> new Experiment(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        fromJson(r.value8())));
    }

    static String toJson(ExperimentConfig config) {
        return JSON.writeValueAsString(config);
    }

    static ExperimentConfig fromJson(String json) {
        return JSON.readValue(json, ExperimentConfig.class);
    }

    private static String sha256(String s) {
        return Hashing.sha256Hex(s);
    }
}

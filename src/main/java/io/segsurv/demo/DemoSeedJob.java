/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.demo;

import static io.segsurv.db.generated.Tables.PATIENT;

import io.segsurv.audit.Actor;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.experiment.ExperimentConfig;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.TumourRule;
import io.segsurv.job.JobContext;
import io.segsurv.job.JobHandler;
import io.segsurv.model.ModelSettings;
import io.segsurv.synth.SyntheticCohort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job {@code demo.seed} of {@code segsurv demo}'s first start: writes the synthetic cohorts (150
 * PET/CT and 60 CT-only patients, "small" profile), imports them, then launches the small demo
 * experiment (small U-Nets, minutes on 2 cores) as a run on the job queue and saves the paper's
 * protocol as a draft one click away. Each part is skipped when already done, so a retried job
 * continues where the previous attempt stopped.
 */
@Component
class DemoSeedJob implements JobHandler {

    static final String KIND = "demo.seed";
    static final String SMALL = "Small demo: CT + PET";
    static final String PAPER = "Paper protocol: CT + PET";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImportService imports;
    private final ExperimentRuns runs;
    private final DSLContext db;

    DemoSeedJob(ImportService imports, ExperimentRuns runs, DSLContext db) {
        this.imports = imports;
        this.runs = runs;
        this.db = db;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Prepare the demo: synthetic cohorts and a small experiment";
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    /** The small demo experiment: the paper's protocol with small networks and a narrower k range. */
    static ExperimentConfig small(long trainingCohortId) {
        ModelSettings d = ModelSettings.of("small");
        ModelSettings net = new ModelSettings(d.size(), 10, d.batchSize(), d.learningRate(), d.weightDecay(), d.patience(),
                d.validationFraction(), d.seed(), d.device(), d.schedule());
        return new ExperimentConfig(trainingCohortId, null, List.of("CT", "PET"), ExperimentConfig.ALL_ENDPOINTS, 6, 1, 2, 40, 3, "cv-min",
                null, "gaussian", 7L, net, Map.of(), ExperimentConfig.ALL_BASELINES, 5, true, "exact", false);
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode p = JSON.readTree(context.parameters());
        long projectId = p.path("projectId").asLong();
        long adminId = p.path("adminId").asLong();
        long training = p.path("trainingCohortId").asLong();
        long external = p.path("externalCohortId").asLong();
        Path root = Path.of(p.path("directory").asString());
        Path pet = root.resolve("synthetic-petct");
        Path ct = root.resolve("synthetic-ctonly");
        if (!Files.exists(pet.resolve("clinical.csv"))) {
            context.progress(0.02, "writing 150 synthetic PET/CT patients");
            SyntheticCohort.generate(new SyntheticCohort.Options(150, 2019L, false, "small"), pet);
        }
        if (!Files.exists(ct.resolve("clinical.csv"))) {
            context.progress(0.1, "writing 60 synthetic CT-only patients");
            SyntheticCohort.generate(new SyntheticCohort.Options(60, 2020L, true, "small"), ct);
        }
        importInto(context, training, pet, 0.15, 0.6);
        importInto(context, external, ct, 0.6, 0.9);
        context.checkCancelled();
        if (runs.runsOfProject(projectId).isEmpty()) {
            long version = runs.versionFor(projectId, SMALL, "The paper's protocol on the synthetic cohort with small U-Nets "
                    + "(48x48x24, 8-64 channels, 10 epochs), k from 2 to 40 with 3 restarts, so that it finishes in minutes on 2 cores.",
                    small(training), adminId);
            long runId = runs.launch(version, adminId);
            context.log("launched '" + SMALL + "' as run " + runId);
            ExperimentConfig paper = ExperimentConfig.paperDefaults(training);
            runs.versionFor(projectId, PAPER, "The paper's full protocol (96x96x48 U-Nets, 100 epochs, k 2-40, 10 restarts): "
                    + "about 30 hours per network on a CPU; press Run on a GPU worker.", paper, adminId);
        }
        context.progress(1.0, "demo ready: cohorts imported, '" + SMALL + "' running");
    }

    private void importInto(JobContext context, long cohortId, Path dir, double from, double to) {
        if (db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(cohortId)) > 0) {
            return;
        }
        ImportReport report = imports.importFiles(new ImportService.Request(cohortId, dir, dir.resolve("clinical.csv"),
                ImportService.Source.CLI, new Actor(null, "demo", null), Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), progress -> {
                    context.checkCancelled();
                    context.progress(from + (to - from) * (progress.total() == 0 ? 0 : (double) progress.done() / progress.total()),
                            progress.step());
                });
        report.lines().forEach(context::log);
    }
}

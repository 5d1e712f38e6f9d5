/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import static io.segsurv.db.generated.Tables.PREPROCESSED_CASE;
import static io.segsurv.db.generated.Tables.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.audit.Actor;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.cohort.Cohort;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.TumourRule;
import io.segsurv.job.Job;
import io.segsurv.job.JobQueue;
import io.segsurv.job.JobState;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.segmentation.networks.WeightFile;
import io.segsurv.synth.SyntheticCohort;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.user.User;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Segmentation models through the application: a small synthetic cohort imported and
 * pre-processed, a reduced U-Net trained as a job (per-epoch rows while it runs, split recorded,
 * weights in the store), resumed without redoing epochs, features and masks extracted as a job, and
 * project rules for other users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelContract {

    @Autowired
    ImportService imports;
    @Autowired
    ModelService service;
    @Autowired
    SegmentationModels models;
    @Autowired
    JobQueue queue;
    @Autowired
    io.segsurv.job.JobService jobs;
    @Autowired
    Fixtures fx;
    @Autowired
    DSLContext db;

    User pi;
    Project project;
    Cohort cohort;
    int cases;

    @BeforeAll
    void importCohort(@TempDir Path dir) throws Exception {
        Path synth = dir.resolve("synthetic");
        SyntheticCohort.generate(new SyntheticCohort.Options(6, 5L, false, "small"), synth);
        pi = fx.user("pi");
        project = fx.project(pi, ProjectRole.PI);
        cohort = fx.cohort(pi, project);
        ImportReport report = imports.importFiles(new ImportService.Request(cohort.id(), synth, synth.resolve("clinical.csv"),
                ImportService.Source.CLI, Actor.SYSTEM, Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), null);
        assertThat(report.patientsStored()).as(String.join("\n", report.lines())).isEqualTo(6);
        cases = db.fetchCount(PREPROCESSED_CASE.join(PATIENT).on(PATIENT.ID.eq(PREPROCESSED_CASE.PATIENT_ID)),
                PATIENT.COHORT_ID.eq(cohort.id()));
        assertThat(cases).isEqualTo(6);
    }

    @Test
    void trainsAsAJobResumesAndExtractsFeaturesAndMasks() throws Exception {
        ModelSettings settings = ModelSettings.from(Map.of("size", "small", "epochs", 2, "seed", 3), "small");
        Job job = fx.as(pi, () -> service.train(project.id(), cohort.id(), "CT", "ct-small", settings));
        Job done = await(job.id());
        assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
        SegmentationModels.Model m = fx.as(pi, () -> service.list(project.id())).getFirst();
        assertThat(m.name()).isEqualTo("ct-small");
        assertThat(m.status()).isEqualTo("READY");
        assertThat(m.jobId()).isEqualTo(job.id());
        assertThat(m.epochs()).isEqualTo(2);
        assertThat(m.bestValidationDice()).isBetween(0.0, 1.0);
        List<SegmentationModels.Epoch> epochs = fx.as(pi, () -> service.epochs(m.id()));
        assertThat(epochs).extracting(SegmentationModels.Epoch::epoch).containsExactly(1, 2);
        assertThat(epochs.getFirst().validationDice()).isNotEmpty();
        Map<String, List<String>> split = fx.as(pi, () -> service.split(m.id()));
        assertThat(split.get("TRAIN").size() + split.get("VALIDATION").size()).isEqualTo(cases);
        assertThat(split.get("VALIDATION")).isNotEmpty().doesNotContainAnyElementsOf(split.get("TRAIN"));
        // the stored weights carry the model's id and load as a model of the same configuration
        WeightFile.Contents weights = WeightFile.read(models.weights(m.id()));
        assertThat(weights.metadata()).containsEntry("model_id", Long.toString(m.id())).containsEntry("modality", "CT");

        // calling train again resumes from the last checkpoint: nothing is redone
        var again = models.train(m.id(), SegmentationModels.Progress.NONE, () -> false);
        assertThat(again.epochs()).isEqualTo(2);
        assertThat(models.epochs(m.id())).hasSize(2);

        Job extraction = fx.as(pi, () -> service.extract(m.id(), cohort.id(), true));
        assertThat(await(extraction.id()).state()).isEqualTo(JobState.SUCCEEDED);
        SegmentationModels.FeatureSet set = fx.as(pi, () -> service.featureSets(m.id())).getFirst();
        assertThat(set.patients()).isEqualTo(cases);
        assertThat(set.features()).isEqualTo(64 * 6 * 6 * 3); // bottleneck of the small network
        FeatureFile file = models.features(set);
        StringWriter csv = new StringWriter();
        file.writeCsv(csv);
        String[] lines = csv.toString().split("\n");
        assertThat(lines).hasSize(cases + 1);
        assertThat(lines[0].substring(0, 22)).isEqualTo("PatientID,C00000,C0000");
        assertThat(lines[0].endsWith(",C06911")).as("last feature name").isTrue();
        assertThat(lines[1]).startsWith("SSV-");
        // the extraction is deterministic: a second run gives the same values
        SegmentationModels.FeatureSet second = models.extract(m.id(), cohort.id(), false, SegmentationModels.Progress.NONE, () -> false);
        assertThat(second.sha256()).isEqualTo(set.sha256());
        assertThat(models.maskDice(m.id())).hasSize(cases).allSatisfy((p, d) -> assertThat(d).isBetween(0.0, 1.0));
    }

    @Test
    void aCancelledPetTrainingResumesWhenItsJobIsRetried() throws Exception {
        ModelSettings settings = ModelSettings.from(Map.of("size", "small", "epochs", 4, "seed", 8, "patience", 10), "small");
        Job job = fx.as(pi, () -> service.train(project.id(), cohort.id(), "PET", "pet-small", settings));
        long modelId = fx.as(pi, () -> service.list(project.id())).stream().filter(m -> m.name().equals("pet-small")).findFirst()
                .orElseThrow().id();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (models.epochs(modelId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(models.epochs(modelId)).as("first epoch recorded while the job runs").isNotEmpty();
        fx.as(pi, () -> jobs.cancel(job.id()));
        Job cancelled = await(job.id());
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        // the job is CANCELLED at once; the trainer stops at its next step and records the model as cancelled
        deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!models.get(modelId).status().equals("CANCELLED") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(models.get(modelId).status()).isEqualTo("CANCELLED");
        assertThat(models.epochs(modelId).size()).isLessThan(4);

        fx.as(pi, () -> jobs.retry(job.id()));
        Job finished = await(job.id());
        assertThat(finished.state()).as(finished.message()).isEqualTo(JobState.SUCCEEDED);
        SegmentationModels.Model m = models.get(modelId);
        assertThat(m.status()).isEqualTo("READY");
        assertThat(m.epochs()).isEqualTo(4);
        assertThat(models.epochs(modelId)).extracting(SegmentationModels.Epoch::epoch).containsExactly(1, 2, 3, 4);
        // PET features are named P00000...
        SegmentationModels.FeatureSet set = models.extract(modelId, cohort.id(), false, SegmentationModels.Progress.NONE, () -> false);
        assertThat(models.features(set).name(0)).isEqualTo("P00000");
    }

    @Test
    void projectRulesAndBadRequestsAreEnforced() {
        User clinician = fx.user("clin");
        User outsider = fx.user("out");
        Project other = fx.project(pi, ProjectRole.PI, clinician, ProjectRole.CLINICIAN);
        Cohort otherCohort = fx.cohort(pi, other);
        ModelSettings s = ModelSettings.of("small");
        assertThatThrownBy(() -> fx.as(clinician, () -> service.train(other.id(), otherCohort.id(), "CT", null, s)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.as(outsider, () -> service.list(project.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.as(pi, () -> service.train(project.id(), cohort.id(), "MR", null, s)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("modality must be CT or PET, was 'MR'");
        // a cohort of another project is not found, not used
        assertThatThrownBy(() -> fx.as(pi, () -> service.train(project.id(), otherCohort.id(), "CT", null, s)))
                .isInstanceOf(NotFoundException.class);
        // an empty cohort fails its training job with a message naming the problem, and the model is FAILED
        Job job = fx.as(pi, () -> service.train(other.id(), otherCohort.id(), "PET", "empty", s));
        Job failed = await(job.id());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.message()).contains("has 0 pre-processed case(s) with a PET tumour");
        assertThat(fx.as(pi, () -> service.list(other.id())).getFirst().status()).isEqualTo("FAILED");
        assertThatThrownBy(() -> ModelSettings.from(Map.of("epochs", "many"), "small")).hasMessageContaining("'epochs' must be a whole number");
        assertThatThrownBy(() -> ModelSettings.from(Map.of("lr", 0.1), "small")).hasMessageContaining("unknown setting 'lr'");
    }

    Job await(long id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            Job j = queue.find(id).orElseThrow();
            if (j.state().finished()) {
                return j;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish: " + queue.find(id));
    }
}

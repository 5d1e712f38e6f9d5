/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import static io.segsurv.db.generated.Tables.AUDIT_EVENT;
import static io.segsurv.db.generated.Tables.EXPERIMENT;
import static io.segsurv.db.generated.Tables.EXPERIMENT_VERSION;
import static io.segsurv.db.generated.Tables.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.audit.AuditService;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.cohort.PatientDetail;
import io.segsurv.cohort.PatientService;
import io.segsurv.experiment.ExperimentConfig;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.experiment.ExperimentService;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.user.User;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The project rules of {@link ProjectAccess}, exercised through the real services and database. */
abstract class AccessRulesContract {

    @Autowired
    Fixtures fx;
    @Autowired
    ProjectService projects;
    @Autowired
    CohortService cohorts;
    @Autowired
    PatientService patients;
    @Autowired
    ExperimentService experiments;
    @Autowired
    ExperimentRuns runs;
    @Autowired
    DSLContext db;
    @Autowired
    TransactionTemplate tx;

    @Test
    void membersSeeOnlyTheirProjectsAndAdministratorsSeeAll() {
        User alice = fx.user("alice");
        User bob = fx.user("bob");
        Project a = fx.project(alice, ProjectRole.RESEARCHER);
        Project b = fx.project(bob, ProjectRole.PI);

        assertThat(fx.visibleTo(alice)).extracting(Project::id).containsExactly(a.id());
        assertThat(fx.visibleTo(alice).getFirst().myRole()).isEqualTo(ProjectRole.RESEARCHER);
        assertThat(fx.visibleTo(fx.admin())).extracting(Project::id).contains(a.id(), b.id());
        assertThatThrownBy(() -> fx.as(alice, () -> projects.get(b.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.as(alice, () -> projects.members(b.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.as(alice, () -> cohorts.list(b.id(), 0, 10))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aProjectOfSomeoneElseLooksExactlyLikeOneThatDoesNotExist() {
        User alice = fx.user("alice");
        Project b = fx.project(fx.user("bob"), ProjectRole.PI);
        String hidden = messageOf(() -> fx.as(alice, () -> projects.get(b.id())));
        String missing = messageOf(() -> fx.as(alice, () -> projects.get(Long.MAX_VALUE)));
        assertThat(hidden.replace(String.valueOf(b.id()), "ID")).isEqualTo(missing.replace(String.valueOf(Long.MAX_VALUE), "ID"));
    }

    @Test
    void clinicianViewsButCannotManageCohortsOrExperiments() {
        User pi = fx.user("pi");
        User clinician = fx.user("clin");
        Project p = fx.project(pi, ProjectRole.PI, clinician, ProjectRole.CLINICIAN);
        Cohort c = fx.cohort(pi, p);

        assertThat(fx.as(clinician, () -> cohorts.list(p.id(), 0, 10))).extracting(Cohort::id).containsExactly(c.id());
        assertThatThrownBy(() -> fx.as(clinician, () -> cohorts.create(p.id(), "x", "", Cohort.Kind.TRAINING)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.as(clinician, () -> experiments.create(p.id(), "e", "", ExperimentConfig.paperDefaults(c.id()))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.as(clinician, () -> projects.setMember(p.id(), clinician.id(), ProjectRole.PI)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void administratorWhoIsNotAMemberManagesMembersButDoesNotSeeProjectData() {
        Project p = fx.project(fx.user("pi"), ProjectRole.PI);
        User admin = fx.admin();
        assertThat(fx.as(admin, () -> projects.members(p.id()))).hasSize(1);
        assertThatThrownBy(() -> fx.as(admin, () -> cohorts.list(p.id(), 0, 10))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void piManagesMembersResearcherDoesNotAndTheLastPiStays() {
        User pi = fx.user("pi");
        User researcher = fx.user("res");
        User newcomer = fx.user("new");
        Project p = fx.project(pi, ProjectRole.PI, researcher, ProjectRole.RESEARCHER);

        assertThatThrownBy(() -> fx.as(researcher, () -> projects.setMember(p.id(), newcomer.id(), ProjectRole.CLINICIAN)))
                .isInstanceOf(ForbiddenException.class);
        Member added = fx.as(pi, () -> projects.setMember(p.id(), newcomer.id(), ProjectRole.CLINICIAN));
        assertThat(added.role()).isEqualTo(ProjectRole.CLINICIAN);
        assertThatThrownBy(() -> fx.as(pi, () -> projects.setMember(p.id(), pi.id(), ProjectRole.RESEARCHER)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at least one PI");
        fx.as(pi, () -> projects.removeMember(p.id(), newcomer.id()));
        assertThat(fx.as(pi, () -> projects.members(p.id()))).extracting(Member::userId).containsExactlyInAnyOrder(pi.id(), researcher.id());
    }

    @Test
    void openingAPatientIsAuditedAndOtherProjectsPatientsAreInvisible() {
        User pi = fx.user("pi");
        User clinician = fx.user("clin");
        User outsider = fx.user("out");
        Project p = fx.project(pi, ProjectRole.PI, clinician, ProjectRole.CLINICIAN);
        fx.project(outsider, ProjectRole.PI);
        long patient = fx.patient(fx.cohort(pi, p), Fixtures.unique("PAT"));

        PatientDetail detail = fx.as(clinician, () -> patients.open(patient));
        assertThat(detail.clinical().vitalStatus()).isEqualTo("DEAD");
        var events = db.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.PATIENT_ID.eq(patient)).fetch();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getAction()).isEqualTo(AuditService.VIEW_PATIENT);
        assertThat(events.getFirst().getUserId()).isEqualTo(clinician.id());
        assertThat(events.getFirst().getUsername()).isEqualTo(clinician.username());

        assertThatThrownBy(() -> fx.as(outsider, () -> patients.open(patient))).isInstanceOf(NotFoundException.class);
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.PATIENT_ID.eq(patient))).isEqualTo(1);
    }

    @Test
    void experimentConfigurationsAreVersionedOnceRun() {
        User researcher = fx.user("res");
        Project p = fx.project(researcher, ProjectRole.RESEARCHER);
        Cohort c = fx.cohort(researcher, p);
        var e = fx.as(researcher, () -> experiments.create(p.id(), "paper", "", ExperimentConfig.paperDefaults(c.id())));
        assertThat(e.latestVersion()).isEqualTo(1);
        assertThat(e.config().folds()).isEqualTo(6);

        var changed = new ExperimentConfig(c.id(), null, java.util.List.of("CT"), java.util.List.of("2OS"), 5, 2, 2, 10, 3,
                "cv-1se", null, "binomial", 7L);
        var edited = fx.as(researcher, () -> experiments.saveConfig(e.id(), null, changed));
        assertThat(edited.latestVersion()).isEqualTo(1);
        db.execute("update experiment_version set locked = true where experiment_id = " + e.id());
        var next = fx.as(researcher, () -> experiments.saveConfig(e.id(), null, ExperimentConfig.paperDefaults(c.id())));
        assertThat(next.latestVersion()).isEqualTo(2);
        assertThat(next.config()).isEqualTo(ExperimentConfig.paperDefaults(c.id()));
    }

    @Test
    void runsFreezeTheirVersionAndFollowTheProjectRules() {
        User researcher = fx.user("res");
        User clinician = fx.user("cli");
        User outsider = fx.user("out");
        Project p = fx.project(researcher, ProjectRole.RESEARCHER, clinician, ProjectRole.CLINICIAN);
        fx.project(outsider, ProjectRole.PI);
        Cohort c = fx.cohort(researcher, p);
        var e = fx.as(researcher, () -> experiments.create(p.id(), "frozen", "", ExperimentConfig.paperDefaults(c.id())));
        long versionId = db.select(EXPERIMENT_VERSION.ID).from(EXPERIMENT_VERSION).where(EXPERIMENT_VERSION.EXPERIMENT_ID.eq(e.id()))
                .fetchOne(EXPERIMENT_VERSION.ID);
        long runId = runs.create(versionId, "JOBS", null); // recorded without queueing its steps
        assertThat(fx.as(researcher, () -> experiments.get(e.id())).latestLocked()).isTrue();
        assertThat(fx.as(clinician, () -> experiments.runs(e.id()))).extracting(ExperimentRuns.Run::id).containsExactly(runId);
        assertThat(fx.as(clinician, () -> experiments.steps(runId))).extracting(ExperimentRuns.Step::name)
                .containsExactly("train-CT", "train-PET", "features-CT", "features-PET", "cv-2OS", "cv-5OS", "cv-2DS", "cv-5DS", "summary");
        assertThat(fx.as(clinician, () -> experiments.run(runId)).state()).isEqualTo(ExperimentRuns.StepState.WAITING);
        assertThatThrownBy(() -> fx.as(clinician, () -> experiments.launch(e.id()))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.as(clinician, () -> experiments.cancel(runId))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fx.as(outsider, () -> experiments.run(runId))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.as(outsider, () -> experiments.predictions(runId))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.as(researcher, () -> experiments.launch(e.id()))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("still waiting");
        fx.as(clinician, () -> experiments.predictions(runId));
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("EXPERIMENT_PATIENTS_VIEWED").and(AUDIT_EVENT.PROJECT_ID.eq(p.id()))))
                .isEqualTo(1);
        // a frozen version is never edited: saving makes the next version, which a later run will use
        var next = fx.as(researcher, () -> experiments.saveConfig(e.id(), null, ExperimentConfig.paperDefaults(c.id()).withCohorts(c.id(), null)));
        assertThat(next.latestVersion()).isEqualTo(2);
        assertThat(fx.as(researcher, () -> experiments.cloneExperiment(e.id(), "frozen copy")).latestVersion()).isEqualTo(1);
    }

    @Test
    void aFailureInsideATransactionLeavesNothingBehind() {
        User researcher = fx.user("res");
        Project p = fx.project(researcher, ProjectRole.RESEARCHER);
        Cohort c = fx.cohort(researcher, p);
        String name = Fixtures.unique("rolled-back");
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> fx.as(researcher, () -> {
            experiments.create(p.id(), name, "", ExperimentConfig.paperDefaults(c.id()));
            projects.create("not allowed", ""); // a researcher is not an admin: fails after the first write
        }))).isInstanceOf(ForbiddenException.class);
        assertThat(db.fetchCount(EXPERIMENT, EXPERIMENT.NAME.eq(name))).isZero();
        assertThat(db.fetchCount(PROJECT, PROJECT.NAME.eq("not allowed"))).isZero();
    }

    @Test
    void invalidInputIsRejectedWithAMessageNamingTheProblem() {
        User researcher = fx.user("res");
        Project p = fx.project(researcher, ProjectRole.RESEARCHER);
        Cohort c = fx.cohort(researcher, p);
        var badFolds = new ExperimentConfig(c.id(), null, java.util.List.of("CT"), java.util.List.of("2OS"), 1, 1, 2, 10, 3,
                "cv-min", null, "gaussian", 1L);
        assertThatThrownBy(() -> fx.as(researcher, () -> experiments.create(p.id(), "x", "", badFolds)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("folds");
        User otherPi = fx.user("other");
        Cohort foreign = fx.cohort(otherPi, fx.project(otherPi, ProjectRole.PI));
        assertThatThrownBy(() -> fx.as(researcher, () -> experiments.create(p.id(), "y", "", ExperimentConfig.paperDefaults(foreign.id()))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not a cohort of this project");
        assertThatThrownBy(() -> fx.as(researcher, () -> cohorts.create(p.id(), c.name(), "", Cohort.Kind.TRAINING)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already has a cohort");
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (NotFoundException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected NotFoundException");
    }
}

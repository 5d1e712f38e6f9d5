/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.segsurv.db.generated.Tables.AUDIT_EVENT;
import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.TRAINED_MODEL;
import static io.segsurv.db.generated.Tables.TRAINING_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.segsurv.audit.AuditService;
import io.segsurv.cohort.Cohort;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.job.JobState;
import io.segsurv.model.ModelSettings;
import io.segsurv.model.SegmentationModels;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.testsupport.TestSettings;
import io.segsurv.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** End-to-end in Debian's Chromium through Playwright: login, roles, project isolation, audit. */
abstract class BrowserContract extends ChromiumPages {

    @Autowired
    Fixtures fx;
    @Autowired
    DSLContext db;
    @Autowired
    SegmentationModels segmentationModels;
    @Autowired
    io.segsurv.experiment.ExperimentRuns experimentRuns;
    @Autowired
    io.segsurv.importer.ImportService imports;


    @Test
    void loginCreateProjectAddMemberAndSeeOnlyThatProject() {
        User member = fx.user("member");
        Project unrelated = fx.project(fx.user("other"), ProjectRole.PI);

        // a user without projects sees the empty state, then logs out
        login(member.username(), TestSettings.PASSWORD);
        assertThat(page.getByText("You are not a member of any project yet")).isVisible();
        logout();

        // the administrator creates a project and adds the member as clinician
        login("admin", TestSettings.ADMIN_PASSWORD);
        String name = Fixtures.unique("Lung PET-CT");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New project")).click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Name").fill(name);
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        page.locator("#member-user input").fill(member.username());
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(member.username())).first().click();
        page.locator("#member-role").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Clinician")).click();
        page.locator("#member-add").click();
        assertThat(page.locator("#members-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(member.username())))
                .isVisible();
        logout();

        // the member now sees exactly that project, with their role
        login(member.username(), TestSettings.PASSWORD);
        Locator grid = page.locator("#projects-grid");
        assertThat(grid.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(name))).isVisible();
        assertThat(grid.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Clinician"))).isVisible();
        assertThat(grid.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(unrelated.name()))).hasCount(0);
        logout();
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
    }

    @Test
    void aWrongPasswordShowsAnErrorAndPagesRedirectToLogin() {
        page.navigate(url("/admin/users"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not-the-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?error.*"));
        assertThat(page.getByText("Wrong username or password")).isVisible();
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(AuditService.LOGIN_FAILED).and(AUDIT_EVENT.USERNAME.eq("admin"))))
                .isPositive();
    }

    @Test
    void aClinicianCannotReachExperimentConfiguration() {
        User pi = fx.user("pi");
        User clinician = fx.user("clin");
        Project p = fx.project(pi, ProjectRole.PI, clinician, ProjectRole.CLINICIAN);
        Cohort c = fx.cohort(pi, p);
        login(clinician.username(), TestSettings.PASSWORD);
        page.navigate(url("/experiments"));
        assertThat(page.getByText("This project has no experiments yet")).isVisible();
        assertThat(page.locator("#new-experiment")).isHidden();
        page.navigate(url("/experiments/new/configure"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not allowed"))).isVisible();
        assertThat(page.locator("#save-experiment")).hasCount(0);
        assertThat(c.projectId()).isEqualTo(p.id());
    }

    @Test
    void aMemberOfOneProjectCannotOpenAnotherProjectsPagesByUrlOrId() {
        User alice = fx.user("alice");
        User bob = fx.user("bob");
        Project a = fx.project(alice, ProjectRole.PI);
        Project b = fx.project(bob, ProjectRole.PI);
        Cohort cohortB = fx.cohort(bob, b);
        String pseudonymB = Fixtures.unique("SECRET");
        long patientB = fx.patient(cohortB, pseudonymB);
        Cohort cohortA = fx.cohort(alice, a);
        String pseudonymA = Fixtures.unique("PAT");
        long patientA = fx.patient(cohortA, pseudonymA);

        login(alice.username(), TestSettings.PASSWORD);
        for (String path : List.of("/projects/" + b.id(), "/cohorts/" + cohortB.id(), "/patients/" + patientB)) {
            page.navigate(url(path));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found"))).isVisible();
            assertThat(page.locator("body")).not().containsText(b.name());
            assertThat(page.locator("body")).not().containsText(pseudonymB);
        }
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.PATIENT_ID.eq(patientB))).isZero();

        // her own patient opens, and the access is audited
        page.navigate(url("/patients/" + patientA));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Patient " + pseudonymA))).isVisible();
        var events = db.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.PATIENT_ID.eq(patientA)).fetch();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getUsername()).isEqualTo(alice.username());
        assertThat(events.getFirst().getAction()).isEqualTo(AuditService.VIEW_PATIENT);
    }

    @Test
    void anAdministratorCreatesAnAccountThatCanLogIn() {
        login("admin", TestSettings.ADMIN_PASSWORD);
        page.navigate(url("/admin/users"));
        String username = Fixtures.unique("newbie").toLowerCase();
        page.locator("#new-user").click();
        page.locator("#new-user-username input").fill(username);
        page.locator("#new-user-name input").fill("New Bie");
        page.locator("#new-user-password input").fill("a-long-password");
        page.locator("#new-user-save").click();
        assertThat(page.locator("#users-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(username)))
                .isVisible();
        logout();
        login(username, "a-long-password");
        assertThat(page.getByText("You are not a member of any project yet")).isVisible();
        // a non-admin does not get the admin pages
        page.navigate(url("/admin/users"));
        assertThat(page.locator("#users-grid")).hasCount(0);
    }

    @Test
    void anAdministratorStartsAFileStoreCheckAndWatchesItFinish() throws InterruptedException {
        login("admin", TestSettings.ADMIN_PASSWORD);
        page.navigate(url("/jobs"));
        assertThat(page.getByText("Workers: test-worker")).isVisible();
        Long before = db.select(DSL.max(JOB.ID)).from(JOB).fetchOne().value1();
        page.locator("#verify-filestore").click();
        long id = awaitNewJob(before == null ? 0 : before);
        // the page refreshes itself: the new job's row appears and, once selected, shows its log
        Locator idCell = page.locator("#jobs-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^" + id + "$")));
        assertThat(idCell).isVisible();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!JobState.valueOf(db.select(JOB.STATE).from(JOB).where(JOB.ID.eq(id)).fetchOne().value1()).finished()) {
            assertThat(System.nanoTime()).as("job %d finishes within 60 s", id).isLessThan(deadline);
            Thread.sleep(250);
        }
        idCell.click();
        assertThat(page.locator(".job-log")).containsText("Log of job " + id);
        assertThat(page.locator(".job-log")).containsText("file(s) checked");
    }

    private long awaitNewJob(long before) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            Long newest = db.select(DSL.max(JOB.ID)).from(JOB).where(JOB.KIND.eq("filestore.verify")).fetchOne().value1();
            if (newest != null && newest > before) {
                return newest;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no job was submitted");
    }

    @Test
    void aResearcherUploadsAZipAndAClinicalTableAndSeesTheReport() throws Exception {
        User researcher = fx.user("res");
        Project p = fx.project(researcher, ProjectRole.RESEARCHER);
        Cohort cohort = fx.cohort(researcher, p);
        Path synthetic = Files.createTempDirectory("upload-cohort");
        Files.delete(synthetic);
        io.segsurv.synth.SyntheticCohort.generate(new io.segsurv.synth.SyntheticCohort.Options(1, 31L, false, "small"), synthetic);
        Path zip = Files.createTempFile("patient", ".zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip)); var files = Files.walk(synthetic)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(synthetic.relativize(f).toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        login(researcher.username(), TestSettings.PASSWORD);
        page.navigate(url("/cohorts/" + cohort.id()));
        page.locator("#import-link").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Import into " + cohort.name()))).isVisible();
        page.locator("#import-upload input[type=file]").setInputFiles(new Path[] {zip, synthetic.resolve("clinical.csv")});
        assertThat(page.locator("#import-upload vaadin-upload-file[complete]")).hasCount(2);
        page.locator("#import-start").click();
        assertThat(page.locator("#import-status")).containsText("1 patient(s) stored, 0 rejected",
                new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
        assertThat(page.locator("#import-patients vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("GTV-1")))
                .isVisible();
        assertThat(page.getByText("1 clinical record(s) stored")).isVisible();
        page.navigate(url("/cohorts/" + cohort.id()));
        assertThat(page.locator("#patients-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("SSV-")).first())
                .isVisible();
    }

    @Test
    void aPiConfiguresRunsAndReviewsAnExperimentInTheBrowser() throws Exception {
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        Cohort cohort = fx.cohort(pi, p);
        Path synthetic = Files.createTempDirectory("e2e-cohort");
        Files.delete(synthetic);
        io.segsurv.synth.SyntheticCohort.generate(new io.segsurv.synth.SyntheticCohort.Options(30, 41L, false, "small"), synthetic);
        imports.importFiles(new io.segsurv.importer.ImportService.Request(cohort.id(), synthetic, synthetic.resolve("clinical.csv"),
                io.segsurv.importer.ImportService.Source.CLI, new io.segsurv.audit.Actor(null, "test", null),
                io.segsurv.dicom.Deidentifier.Dates.SHIFT, io.segsurv.importer.TumourRule.DEFAULT), null);

        login(pi.username(), TestSettings.PASSWORD);
        page.navigate(url("/experiments"));
        page.locator("#new-experiment").click();
        page.locator("#experiment-name input").fill("browser tiny");
        for (String off : List.of("PET", "5OS", "2DS", "5DS")) {
            page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(off).setExact(true)).click();
        }
        for (String[] v : new String[][] {{"#folds", "3"}, {"#k-max", "4"}, {"#restarts", "1"}, {"#inner-folds", "3"}, {"#epochs", "1"}}) {
            page.locator(v[0] + " input").fill(v[1]);
            page.locator(v[0] + " input").press("Tab");
        }
        page.locator("#save-and-run").click();

        // the dashboard of the new run shows the job graph with live progress
        assertThat(page).hasURL(Pattern.compile(".*/experiments/\\d+$"));
        long experimentId = Long.parseLong(page.url().replaceAll(".*/experiments/", ""));
        ExperimentRuns.Run run = experimentRuns.runsOf(experimentId).getFirst();
        assertThat(run.config().folds()).isEqualTo(3);
        assertThat(run.config().modalities()).containsExactly("CT");
        assertThat(run.config().segmentation().epochs()).isEqualTo(1);
        assertThat(page.locator("#run-progress")).isVisible();
        assertThat(page.locator("#step-progress-train-CT")).isVisible();

        // while the U-Net trains, the Jobs page shows its step with live training curves
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (!experimentRuns.run(run.id()).state().finished()) {
            assertThat(System.nanoTime()).as("run %d finishes within 240 s", run.id()).isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(experimentRuns.run(run.id()).state()).isEqualTo(ExperimentRuns.StepState.SUCCEEDED);
        long trainJob = experimentRuns.steps(run.id()).getFirst().jobId();
        page.navigate(url("/jobs"));
        page.locator("#jobs-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^" + trainJob + "$"))).click();
        assertThat(page.locator("#job-training-curves svg path").first()).isAttached();

        // the finished dashboard: the table holds the numbers of the results document, every chart is drawn
        page.navigate(url("/experiments/" + experimentId));
        Map<String, Object> results = experimentRuns.results(run.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> auc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) results
                .get("endpoints")).get("2OS")).get("summary")).get("auc");
        assertThat(page.locator("#performance-table")).containsText(String.format(java.util.Locale.ROOT, "%.3f", ((Number) auc.get("mean")).doubleValue()));
        for (String chart : List.of("chart-box-2OS", "chart-roc-2OS", "chart-km-2OS")) {
            assertThat(page.locator("#" + chart + " svg path").first()).isAttached();
        }
    }

    @Test
    void aMemberSeesAModelsTrainingCurvesAndANonMemberDoesNot() {
        User researcher = fx.user("res"), clinician = fx.user("clin");
        Project p = fx.project(researcher, ProjectRole.RESEARCHER, clinician, ProjectRole.CLINICIAN);
        String name = segmentationModels.get(modelWithEpochs(p, researcher, 4, true)).name();

        // a clinician of the project reads the model, its curves and the per-case Dice, and cannot train
        login(clinician.username(), TestSettings.PASSWORD);
        page.navigate(url("/models"));
        Locator grid = page.locator("#models-grid vaadin-grid-cell-content");
        assertThat(grid.filter(new Locator.FilterOptions().setHasText(name))).isVisible();
        assertThat(grid.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^0\\.761$")))).isVisible();
        assertThat(grid.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^4 / 6$")))).isVisible();
        assertThat(page.locator("#train-model")).hasCount(0);
        Locator chart = page.locator("#training-chart");
        assertThat(chart.getAttribute("aria-label")).startsWith("Training curves of model " + name + ":");
        Locator paths = chart.locator("svg path");
        assertThat(paths.first()).isAttached();
        assertThat(chart.locator("svg")).hasCount(1);
        assertThat(paths.count()).as("drawn paths: axes, four curves and the band").isGreaterThan(5);
        assertThat(chart.locator("svg text").filter(new Locator.FilterOptions().setHasText("Training of " + name))).hasCount(1);
        assertThat(page.locator("#case-dice-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("SSV-0002")))
                .isVisible();
        assertThat(page.getByText("Epoch 4: loss 0.2500, validation Dice 0.760 ± 0.050")).isVisible();
        // the SVG export downloads the chart as an SVG document
        var download = page.waitForDownload(() -> page.locator("#export-svg").click());
        assertThat(download.suggestedFilename()).isEqualTo("training-curves-" + name + ".svg");
        try {
            assertThat(Files.readString(download.path())).startsWith("<svg").contains("Training of " + name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var png = page.waitForDownload(() -> page.locator("#export-png").click());
        assertThat(png.suggestedFilename()).endsWith(".png");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("models-view-training-curves.png")));
        logout();

        // the researcher may queue a training
        login(researcher.username(), TestSettings.PASSWORD);
        page.navigate(url("/models"));
        page.locator("#train-model").click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByText("Train a segmentation model")).isVisible();
        page.keyboard().press("Escape");
        logout();

        // someone outside the project sees only their own (empty) project's models
        User outsider = fx.user("out");
        fx.project(outsider, ProjectRole.PI);
        login(outsider.username(), TestSettings.PASSWORD);
        page.navigate(url("/models"));
        assertThat(page.getByText("No segmentation models yet")).isVisible();
        assertThat(page.locator("body")).not().containsText(name);
        assertThat(page.locator("body")).not().containsText(p.name());
    }

    @Test
    void theTrainingCurvesGrowWhileAModelTrains() {
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        long id = modelWithEpochs(p, pi, 1, false);
        login(pi.username(), TestSettings.PASSWORD);
        page.navigate(url("/models"));
        assertThat(page.locator("#models-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("TRAINING")))
                .isVisible();
        assertThat(page.getByText("Epoch 1: loss 1.0000")).isVisible();
        // the training job writes the next epoch: the page polls and redraws without a reload
        insertEpoch(id, 2);
        assertThat(page.getByText("Epoch 2: loss 0.5000")).isVisible();
        assertThat(page.locator("#training-chart svg path").first()).isAttached();
        assertThat(page.locator("#train-model")).isVisible();
    }

    /** A CT model on a new cohort of the project with epoch rows as the training job writes them, READY or still TRAINING. */
    private long modelWithEpochs(Project p, User manager, int epochs, boolean finished) {
        String name = Fixtures.unique("unet-ct");
        long id = segmentationModels.create(p.id(), fx.cohort(manager, p).id(), "CT", name, ModelSettings.of("small").withEpochs(6), manager.id());
        for (int e = 1; e <= epochs; e++) {
            insertEpoch(id, e);
        }
        if (finished) {
            db.update(TRAINED_MODEL).set(TRAINED_MODEL.STATUS, "READY").set(TRAINED_MODEL.EPOCHS, epochs).set(TRAINED_MODEL.BEST_EPOCH, epochs)
                    .set(TRAINED_MODEL.BEST_VALIDATION_DICE, 0.7612).set(TRAINED_MODEL.SECONDS_PER_STEP, 0.35).where(TRAINED_MODEL.ID.eq(id))
                    .execute();
        }
        return id;
    }

    private void insertEpoch(long modelId, int e) {
        db.insertInto(TRAINING_EPOCH).set(TRAINING_EPOCH.MODEL_ID, modelId).set(TRAINING_EPOCH.EPOCH, e).set(TRAINING_EPOCH.LEARNING_RATE, 1e-3)
                .set(TRAINING_EPOCH.TRAIN_LOSS, 1.0 / e).set(TRAINING_EPOCH.TRAIN_DICE, 0.2 * e).set(TRAINING_EPOCH.VALIDATION_DICE_MEAN, 0.19 * e)
                .set(TRAINING_EPOCH.VALIDATION_DICE_SD, 0.05).set(TRAINING_EPOCH.VALIDATION_DICE,
                        "{\"SSV-0001\":" + (0.19 * e - 0.05) + ",\"SSV-0002\":" + (0.19 * e + 0.05) + "}")
                .set(TRAINING_EPOCH.SECONDS, 2.5).execute();
    }

    void logout() {
        page.locator("#user-menu vaadin-menu-bar-button").first().click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
    }
}

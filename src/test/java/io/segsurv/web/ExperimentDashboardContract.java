/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.segsurv.db.generated.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.segsurv.experiment.ExperimentRunner;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.experiment.ExperimentSpec;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.security.ApiTokenService;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.testsupport.TestSettings;
import io.segsurv.user.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The experiment dashboard in Debian's Chromium: one real headless run at a tiny size (and a second
 * experiment reusing its U-Nets with permuted labels) is recorded once for the class, then the
 * dashboard's performance table is compared with the run's results.json, every chart is checked as
 * drawn (and screenshotted under target/screenshots), the live status turns into the dashboard
 * without a reload, the patient list opens a patient, the downloads and the REST exports carry the
 * results, the comparison shows both experiments, and outsiders get nothing.
 */
abstract class ExperimentDashboardContract extends ChromiumPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** As ExperimentRunContract's configuration, smaller still (CT only, one epoch): the dashboard needs a real run, not a good one. */
    static final String CONFIG = """
            name: dash
            cohort: dash-train
            externalCohort: dash-external
            synthetic: {patients: 30, externalPatients: 16, profile: small}
            modalities: [CT]
            segmentation: {size: small, epochs: 1, learningRate: 0.001, seed: 2}
            endpoints: [2OS, 5OS]
            folds: 3
            k: "2:4"
            restarts: 1
            innerFolds: 3
            seed: 3
            baselines: [TLG, SUVmax]
            """;

    /** A second experiment on the same cohorts and U-Nets, labels permuted: only its cross-validation runs. */
    static final String CONFIG_B = """
            name: dash-permuted
            cohort: dash-train
            externalCohort: dash-external
            models: {CT: dash-ct-seed2}
            modalities: [CT]
            endpoints: [2OS]
            folds: 3
            k: "2:4"
            restarts: 1
            innerFolds: 3
            seed: 3
            baselines: [TLG]
            permuteLabels: true
            """;

    @Autowired
    Fixtures fx;
    @Autowired
    DSLContext db;
    @Autowired
    ExperimentRunner runner;
    @Autowired
    ExperimentRuns runs;
    @Autowired
    ApiTokenService tokens;


    User pi;
    User clinician;
    User outsider;
    Project project;
    JsonNode results;
    long runId;
    long experimentId;
    long experimentB;
    long runB;

    @BeforeAll
    void runExperiments() throws IOException {
        pi = fx.user("pi");
        clinician = fx.user("clin");
        outsider = fx.user("out");
        project = fx.project(pi, ProjectRole.PI, clinician, ProjectRole.CLINICIAN);
        fx.project(outsider, ProjectRole.PI);
        Path out = Paths.get("target", "experiment-dashboard", getClass().getSimpleName());
        if (Files.exists(out)) { // an earlier build's synthetic cohorts: the runner writes into empty directories only
            try (var old = Files.walk(out)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path specs = Files.createDirectories(out);
        long t0 = System.nanoTime();
        java.util.function.Consumer<String> log = line -> System.out.printf(Locale.ROOT, "[dashboard run %5.1f s] %s%n",
                (System.nanoTime() - t0) / 1e9, line);
        runner.run(project.id(), ExperimentSpec.read(Files.writeString(specs.resolve("dash.yaml"), CONFIG)), 5L, out.resolve("a"), log);
        results = JSON.readTree(Files.readString(out.resolve("a/results.json")));
        runId = results.get("runId").asLong();
        experimentId = runs.run(runId).experimentId();
        Map<String, Object> b = runner.run(project.id(), ExperimentSpec.read(Files.writeString(specs.resolve("dash-b.yaml"), CONFIG_B)), 5L,
                out.resolve("b"), log);
        runB = ((Number) b.get("runId")).longValue();
        experimentB = runs.run(runB).experimentId();

    }


    @Test
    void theDashboardShowsTheNumbersOfTheResultsDocumentAndDrawsEveryChart() throws Exception {
        login(pi.username());
        page.navigate(url("/experiments/" + experimentId + "?run=" + runId));
        assertThat(page.locator("#experiment-title")).containsText("dash");
        assertThat(page.locator("#run-launch")).isVisible();
        Locator table = page.locator("#performance-table");
        assertThat(table).isVisible();
        JsonNode endpoints = results.get("endpoints");
        List<String> charts = new ArrayList<>();
        for (String ep : List.of("2OS", "5OS")) {
            JsonNode e = endpoints.get(ep);
            Locator row = table.locator("tr[data-endpoint='" + ep + "']");
            assertThat(row.locator("[data-col=patients]")).hasText(e.get("patients").asString());
            if (e.has("error")) {
                assertThat(row.locator("[data-col=error]")).hasText("Not evaluated: " + e.get("error").asString());
                continue;
            }
            assertThat(row.locator("[data-col=deaths]")).hasText(e.get("deaths").asString());
            for (String metric : List.of("accuracy", "sensitivity", "specificity", "auc")) {
                JsonNode s = e.get("summary").get(metric);
                String expected = f3(s.get("mean")) + " (" + f3(s.get("foldInterval").get(0)) + "–" + f3(s.get("foldInterval").get(1)) + ")";
                assertThat(row.locator("[data-col=" + metric + "]")).hasText(expected);
            }
            JsonNode delong = e.get("summary").get("auc").get("delongCi");
            assertThat(row.locator("[data-col=delong]")).hasText(f3(delong.get(0)) + "–" + f3(delong.get(1)));
            // folds, selected features, baselines, external validation
            assertThat(page.locator("#folds-" + ep + " tbody tr")).hasCount(e.get("folds").size());
            String firstFeature = e.get("folds").get(0).get("selectedFeatures").size() > 0
                    ? e.get("folds").get(0).get("selectedFeatures").get(0).asString() : "none";
            assertThat(page.locator("#folds-" + ep + " tbody tr").first().locator("[data-col=features]")).containsText(firstFeature);
            JsonNode tlg = e.get("baselines").get("TLG");
            if (tlg.has("auc")) {
                Locator b = page.locator("#baselines-" + ep + " tr[data-baseline=TLG]");
                assertThat(b.locator("[data-col=auc]")).hasText(f3(tlg.get("auc")));
                assertThat(b.locator("[data-col=model]")).hasText(f3(tlg.get("modelAuc")));
            }
            JsonNode x = e.get("external");
            if (x != null && x.has("metrics")) {
                Locator xr = page.locator("#external-table tr[data-endpoint='" + ep + "']");
                assertThat(xr.locator("[data-col=auc]")).hasText(f3(x.get("metrics").get("auc")));
                assertThat(xr.locator("[data-col=delong]")).hasText(f3(x.get("delongCi").get(0)) + "–" + f3(x.get("delongCi").get(1)));
                charts.add("chart-roc-external-" + ep);
            }
            charts.addAll(List.of("chart-box-" + ep, "chart-roc-" + ep, "chart-km-" + ep));
        }
        assertThat(charts).contains("chart-box-2OS", "chart-roc-2OS", "chart-km-2OS");
        Files.createDirectories(SCREENSHOTS);
        for (String id : charts) {
            Locator chart = page.locator("#" + id);
            chart.scrollIntoViewIfNeeded();
            assertThat(chart.locator("svg path").first()).isAttached();
            assertThat(chart.locator("svg path").count()).as(id + ": drawn paths").isGreaterThan(4);
            chart.screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName() + "-" + id + ".png")));
            assertThat(Files.size(SCREENSHOTS.resolve(getClass().getSimpleName() + "-" + id + ".png"))).isGreaterThan(2000);
        }

        // the patient list opens a patient page (its opening is audited)
        Locator cell = page.locator("#patients-grid vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^SSV-"))).first();
        cell.scrollIntoViewIfNeeded();
        String pseudonym = cell.textContent().strip();
        cell.click();
        assertThat(page).hasURL(Pattern.compile(".*/patients/\\d+$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Patient " + pseudonym))).isVisible();
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("EXPERIMENT_PATIENTS_VIEWED").and(AUDIT_EVENT.USERNAME.eq(pi.username()))))
                .isPositive();
    }

    @Test
    void theDownloadsCarryTheResults() throws Exception {
        login(pi.username());
        page.navigate(url("/experiments/" + experimentId + "?run=" + runId));
        assertThat(page.locator("#performance-table")).isVisible();
        JsonNode os2 = results.get("endpoints").get("2OS");

        String csv = download("#download-performance-csv", ".csv");
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).startsWith("endpoint,patients,deaths,accuracy_mean,accuracy_fold_low,accuracy_fold_high");
        String[] row = lines.stream().filter(l -> l.startsWith("2OS,")).findFirst().orElseThrow().split(",", -1);
        assertThat(Double.parseDouble(row[12])).isEqualTo(os2.get("summary").get("auc").get("mean").asDouble());
        assertThat(Double.parseDouble(row[15])).isEqualTo(os2.get("summary").get("auc").get("delongCi").get(0).asDouble());
        JsonNode os5 = results.get("endpoints").get("5OS");
        // an endpoint the cohort cannot support carries its reason in the table, as in the results document
        assertThat(lines.stream().filter(l -> l.startsWith("5OS,")).findFirst().orElseThrow())
                .contains(os5.has("error") ? os5.get("error").asString() : "5OS");

        JsonNode folds = JSON.readTree(download("#download-folds-json", ".json"));
        assertThat(folds.size()).isEqualTo(os2.get("folds").size() + (results.get("endpoints").get("5OS").has("folds")
                ? results.get("endpoints").get("5OS").get("folds").size() : 0));
        assertThat(folds.get(0).get("auc").asDouble()).isEqualTo(os2.get("folds").get(0).get("metrics").get("auc").asDouble());

        String predictions = download("#download-predictions-csv", ".csv");
        int expected = 0;
        for (JsonNode f : os2.get("folds")) {
            expected += f.get("predictions").size();
        }
        assertThat(predictions.lines().filter(l -> l.startsWith("2OS,")).count()).isEqualTo(expected);

        String html = download("#download-report", ".html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Configuration</h2>").contains("<h2>Performance</h2>")
                .contains("External validation").contains("Baselines");
        JsonNode auc = os2.get("summary").get("auc");
        assertThat(html).contains(f3(auc.get("mean")) + " (" + f3(auc.get("foldInterval").get(0)) + "–" + f3(auc.get("foldInterval").get(1)) + ")");
        // the 16 external patients hold both outcomes (3 alive, 8 dead at 2 years), so the external ROC is drawn
        assertThat(os2.get("external").has("error")).as("external validation of 2OS: %s", os2.get("external")).isFalse();
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).as("box, ROC, KM and external ROC plots")
                .isGreaterThanOrEqualTo(4);
        Files.writeString(SCREENSHOTS.resolve(getClass().getSimpleName() + "-report.html"), html);

        // the same through the REST API with a member's token; an outsider's token gets a 404
        String token = tokens.create(pi.id(), "export", Duration.ofHours(1)).token();
        HttpResponse<String> api = get("/api/v1/runs/" + runId + "/tables/performance.csv", token);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(api.body()).isEqualTo(csv);
        assertThat(get("/api/v1/runs/" + runId + "/tables/baselines.json", token).body()).contains("\"baseline\" : \"TLG\"");
        assertThat(get("/api/v1/runs/" + runId + "/report.html", token).body()).contains("<svg ");
        assertThat(get("/api/v1/runs/" + runId + "/tables/nonsense.csv", token).statusCode()).isEqualTo(404);
        String outsiderToken = tokens.create(outsider.id(), "export", Duration.ofHours(1)).token();
        for (String path : List.of("/tables/performance.csv", "/tables/predictions.json", "/report.html")) {
            HttpResponse<String> r = get("/api/v1/runs/" + runId + path, outsiderToken);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("dash");
        }
    }

    @Test
    void theLiveStatusOfARunTurnsIntoTheDashboardWithoutAReload() {
        // a second run of the same version whose steps this test drives as the jobs would
        ExperimentRuns.Run first = runs.run(runId);
        long live = runs.create(first.versionId(), "HEADLESS", null);
        runs.start(live, "train-CT");
        runs.progress(live, "train-CT", 0.25, "CT epoch 1/4");
        login(pi.username());
        page.navigate(url("/experiments/" + experimentId + "?run=" + live));
        assertThat(page.locator("#run-progress")).isVisible();
        Locator bar = page.locator("#step-progress-train-CT");
        assertThat(bar).isVisible();
        assertThat(page.locator("#run-waiting")).isVisible();
        awaitValue(bar, 0.25);
        runs.progress(live, "train-CT", 0.75, "CT epoch 3/4");
        awaitValue(bar, 0.75);
        assertThat(page.locator("tr[data-step=train-CT]")).containsText("CT epoch 3/4");
        assertThat(page.locator("#step-eta-train-CT")).containsText("s");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(getClass().getSimpleName() + "-run-status.png")));
        Map<String, Map<String, Object>> outputs = runs.outputs(runId);
        for (ExperimentRuns.Step s : runs.steps(live)) {
            runs.start(live, s.name());
            runs.complete(live, s.name(), outputs.get(s.name()));
        }
        assertThat(page.locator("#performance-table")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
        assertThat(page.locator("#run-status")).hasCount(0);
        assertThat(page.locator("#chart-roc-2OS svg path").first()).isAttached();

        // clone and edit: a copy of the configuration under a new name, opened for configuration
        page.locator("#experiment-clone").click();
        page.locator("#clone-name input").fill("dash-clone");
        page.locator("#clone-confirm").click();
        assertThat(page).hasURL(Pattern.compile(".*/experiments/\\d+/configure$"));
        long clone = Long.parseLong(page.url().replaceAll(".*/experiments/(\\d+)/configure$", "$1"));
        assertThat(clone).isNotEqualTo(experimentId);
    }

    @Test
    void theComparisonShowsBothExperiments() {
        login(clinician.username());
        page.navigate(url("/experiments/compare?ids=" + experimentId + "," + experimentB));
        Locator table = page.locator("#compare-table-2OS");
        assertThat(table.locator("tbody tr")).hasCount(2);
        JsonNode auc = results.get("endpoints").get("2OS").get("summary").get("auc");
        assertThat(table.locator("tr[data-experiment='" + experimentId + "'] [data-col=auc]"))
                .hasText(f3(auc.get("mean")) + " (" + f3(auc.get("foldInterval").get(0)) + "–" + f3(auc.get("foldInterval").get(1)) + ")");
        assertThat(table.locator("tr[data-experiment='" + experimentB + "']")).containsText("dash-permuted");
        assertThat(page.locator("#compare-table-5OS tr[data-experiment='" + experimentB + "']")).containsText("endpoint not in this experiment");
        assertThat(page.locator("#chart-compare-roc-2OS svg path").first()).isAttached();
        assertThat(page.locator("#chart-compare-roc-2OS svg text").filter(new Locator.FilterOptions().setHasText("dash-permuted")).first())
                .isAttached();
        assertThat(page.locator("#compare-select")).containsText("dash-permuted");
        String csv = download("#download-comparison-csv", ".csv");
        assertThat(csv.lines().filter(l -> l.startsWith("2OS,")).count()).isEqualTo(2);
        // a clinician reads but has no run actions
        page.navigate(url("/experiments/" + experimentB));
        assertThat(page.locator("#performance-table")).isVisible();
        assertThat(page.locator("#run-launch")).isHidden();
    }

    @Test
    void aNonMemberGetsNothing() {
        login(outsider.username());
        for (String path : List.of("/experiments/" + experimentId, "/experiments/" + experimentId + "?run=" + runId,
                "/experiments/compare?ids=" + experimentId + "," + experimentB)) {
            page.navigate(url(path));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found"))).isVisible();
            assertThat(page.locator("body")).not().containsText("dash-permuted");
            assertThat(page.locator("#performance-table")).hasCount(0);
            assertThat(page.locator("segsurv-chart")).hasCount(0);
        }
        page.navigate(url("/experiments/compare"));
        assertThat(page.locator("#compare-select")).isVisible();
        assertThat(page.locator("#compare-select")).not().containsText("dash");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String f3(JsonNode n) {
        return String.format(Locale.ROOT, "%.3f", n.asDouble());
    }

    private void awaitValue(Locator bar, double value) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Math.abs(((Number) bar.evaluate("e => e.value")).doubleValue() - value) > 1e-9) {
            assertThat(System.nanoTime()).as("progress bar reaches %s", value).isLessThan(deadline);
            page.waitForTimeout(200);
        }
    }

    private String download(String selector, String extension) {
        Download d = page.waitForDownload(() -> page.locator(selector).click());
        assertThat(d.suggestedFilename()).endsWith(extension);
        try {
            return Files.readString(d.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void login(String username) {
        login(username, TestSettings.PASSWORD);
    }

    @Override
    Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setAcceptDownloads(true).setViewportSize(1400, 1000);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.api;

import io.segsurv.experiment.ExperimentDashboards;
import io.segsurv.experiment.ExperimentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Exports of a finished run: the HTML report and every results table as CSV or JSON (members; predictions audited). */
@RestController
@RequestMapping("/api/v1/runs/{runId}")
@Tag(name = "Experiments")
class ExperimentExportController {

    private final ExperimentDashboards dashboards;
    private final ExperimentService experiments;

    ExperimentExportController(ExperimentDashboards dashboards, ExperimentService experiments) {
        this.dashboards = dashboards;
        this.experiments = experiments;
    }

    @GetMapping("/report.html")
    @Operation(summary = "One-page HTML report of a finished run with its plots as inline SVG (members)")
    ResponseEntity<String> report(@PathVariable long runId) {
        String html = dashboards.report(runId);
        return file(html, MediaType.TEXT_HTML, ExperimentDashboards.fileStem(experiments.run(runId)) + "-report.html");
    }

    @GetMapping("/tables/{table}.csv")
    @Operation(summary = "A results table as CSV: performance, folds, features, stability, baselines, survival, external, predictions (members)")
    ResponseEntity<String> csv(@PathVariable long runId, @PathVariable String table) {
        String csv = dashboards.table(runId, table).csv();
        return file(csv, new MediaType("text", "csv", StandardCharsets.UTF_8),
                ExperimentDashboards.fileStem(experiments.run(runId)) + "-" + table + ".csv");
    }

    @GetMapping("/tables/{table}.json")
    @Operation(summary = "A results table as a JSON array of rows (members)")
    ResponseEntity<String> json(@PathVariable long runId, @PathVariable String table) {
        String json = dashboards.table(runId, table).json();
        return file(json, MediaType.APPLICATION_JSON, ExperimentDashboards.fileStem(experiments.run(runId)) + "-" + table + ".json");
    }

    private static ResponseEntity<String> file(String body, MediaType type, String name) {
        MediaType withCharset = type.getCharset() == null ? new MediaType(type, StandardCharsets.UTF_8) : type;
        return ResponseEntity.ok().contentType(withCharset)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}

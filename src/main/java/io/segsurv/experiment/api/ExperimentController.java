/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.api;

import io.segsurv.experiment.Experiment;
import io.segsurv.experiment.ExperimentConfig;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.experiment.ExperimentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Experiments")
class ExperimentController {

    private final ExperimentService experiments;

    ExperimentController(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @GetMapping("/projects/{projectId}/experiments")
    @Operation(summary = "Experiments of a project with their latest configuration (members)")
    List<Experiment> list(@PathVariable long projectId, @RequestParam(defaultValue = "0") int offset,
                          @RequestParam(defaultValue = "100") int limit) {
        return experiments.list(projectId, Math.max(0, offset), Math.clamp(limit, 1, 1000));
    }

    /** Body of POST /projects/{id}/experiments. */
    record NewExperiment(String name, String description, ExperimentConfig config) {
    }

    @PostMapping("/projects/{projectId}/experiments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an experiment (PI and RESEARCHER)")
    Experiment create(@PathVariable long projectId, @RequestBody NewExperiment body) {
        return experiments.create(projectId, body.name(), body.description(), body.config());
    }

    @GetMapping("/experiments/{experimentId}")
    Experiment get(@PathVariable long experimentId) {
        return experiments.get(experimentId);
    }

    @PutMapping("/experiments/{experimentId}/config")
    @Operation(summary = "Save a configuration; a new version when the current one has been run (PI and RESEARCHER)")
    Experiment configure(@PathVariable long experimentId, @RequestBody ExperimentConfig config) {
        return experiments.saveConfig(experimentId, null, config);
    }

    @PostMapping("/experiments/{experimentId}/runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Run the latest configuration as jobs; the configuration is frozen from now on (PI and RESEARCHER)")
    ExperimentRuns.Run launch(@PathVariable long experimentId) {
        return experiments.launch(experimentId);
    }

    @GetMapping("/experiments/{experimentId}/runs")
    @Operation(summary = "Runs of an experiment, newest first, with their state (members)")
    List<ExperimentRuns.Run> runs(@PathVariable long experimentId) {
        return experiments.runs(experimentId);
    }

    /** A run with its steps (the job graph). */
    record RunDetail(ExperimentRuns.Run run, List<ExperimentRuns.Step> steps) {
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "A run and its steps: state, progress, job (members)")
    RunDetail run(@PathVariable long runId) {
        return new RunDetail(experiments.run(runId), experiments.steps(runId));
    }

    @GetMapping("/runs/{runId}/results")
    @Operation(summary = "The results document of a finished run (docs/EXPERIMENT_JSON.md); 404 until it finished (members)")
    Map<String, Object> results(@PathVariable long runId) {
        Map<String, Object> r = experiments.results(runId);
        if (r == null) {
            throw new io.segsurv.base.NotFoundException("Run " + runId + " has no results yet");
        }
        return r;
    }

    @GetMapping("/runs/{runId}/predictions")
    @Operation(summary = "Out-of-fold predictions per patient, endpoint and fold (members; audited)")
    List<ExperimentRuns.Prediction> predictions(@PathVariable long runId) {
        return experiments.predictions(runId);
    }

    @PostMapping("/runs/{runId}/cancel")
    @Operation(summary = "Cancel a run's queued and running steps (PI and RESEARCHER)")
    Map<String, Object> cancel(@PathVariable long runId) {
        return Map.of("cancelledJobs", experiments.cancel(runId));
    }

    @PostMapping("/runs/{runId}/resume")
    @Operation(summary = "Queue a failed or cancelled run's unfinished steps again (PI and RESEARCHER)")
    Map<String, Object> resume(@PathVariable long runId) {
        return Map.of("resumedSteps", experiments.resume(runId));
    }
}

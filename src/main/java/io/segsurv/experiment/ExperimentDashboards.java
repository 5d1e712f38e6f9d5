/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import io.segsurv.base.NotFoundException;
import io.segsurv.experiment.report.HtmlReport;
import io.segsurv.experiment.report.ResultTables;
import io.segsurv.experiment.report.RunResults;
import io.segsurv.experiment.report.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * What the experiment dashboard, the comparison page and the exports show, read from a run's results
 * document and its stored curves and predictions. Read-only; every call goes through
 * {@link ExperimentService}, which checks that the current user is a member of the run's project
 * (a run of another project answers as one that does not exist) and audits patient-level reads.
 */
@Service
public class ExperimentDashboards {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final ExperimentService experiments;

    public ExperimentDashboards(ExperimentService experiments) {
        this.experiments = experiments;
    }

    /** A step of a running run with its estimated time to finish (null when it cannot be estimated). */
    public record StepStatus(ExperimentRuns.Step step, Duration eta) {
    }

    /** A run's progress: its steps and the overall fraction done. */
    public record RunStatus(ExperimentRuns.Run run, List<StepStatus> steps, double progress) {
    }

    /** One patient's out-of-fold predictions per endpoint (several repeats: the mean, with every fold). */
    public record PatientRow(long patientId, String pseudonym, Map<String, PatientEndpoint> endpoints) {
    }

    /** A patient's prediction for one endpoint: P(survival) (mean over repeats), the test folds (1-based), outcome (1 alive, 0 dead). */
    public record PatientEndpoint(double probability, List<Integer> folds, int outcome) {
    }

    // ---- runs -------------------------------------------------------------------------------------

    public RunStatus status(long runId) {
        ExperimentRuns.Run run = experiments.run(runId);
        return status(run, experiments.steps(runId), OffsetDateTime.now());
    }

    static RunStatus status(ExperimentRuns.Run run, List<ExperimentRuns.Step> steps, OffsetDateTime now) {
        List<StepStatus> out = new ArrayList<>();
        double done = 0;
        for (ExperimentRuns.Step s : steps) {
            out.add(new StepStatus(s, eta(s, now)));
            done += s.state() == ExperimentRuns.StepState.SUCCEEDED ? 1 : Math.max(0, Math.min(1, s.progress()));
        }
        return new RunStatus(run, out, steps.isEmpty() ? 0 : done / steps.size());
    }

    /**
     * Remaining time of a running step, extrapolated from the time since it started and its progress
     * (elapsed x (1 - p) / p); null unless it runs with some progress.
     */
    static Duration eta(ExperimentRuns.Step s, OffsetDateTime now) {
        if (s.state() != ExperimentRuns.StepState.RUNNING || s.startedAt() == null || !(s.progress() > 0.001) || s.progress() >= 1) {
            return null;
        }
        double elapsed = Math.max(0, Duration.between(s.startedAt(), now).toMillis() / 1000.0);
        return Duration.ofSeconds(Math.round(elapsed * (1 - s.progress()) / s.progress()));
    }

    /** "1 h 05 min", "3 min 20 s", "45 s". */
    public static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    /** The results of a run, or null while it has none. */
    public RunResults results(long runId) {
        return RunResults.of(experiments.results(runId));
    }

    /** ROC curves of an endpoint: -1 pooled, else repeat * 1000 + fold -> [fpr, tpr] points. */
    public Map<Integer, double[][]> rocCurves(long runId, String endpoint) {
        return experiments.rocCurves(runId, endpoint);
    }

    /** Per patient the out-of-fold predictions of every endpoint (audited as a patient-level view). */
    public List<PatientRow> patients(long runId) {
        return patients(experiments.predictions(runId));
    }

    static List<PatientRow> patients(List<ExperimentRuns.Prediction> predictions) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Map<String, List<ExperimentRuns.Prediction>>> by = new LinkedHashMap<>();
        for (ExperimentRuns.Prediction p : predictions) {
            names.put(p.patientId(), p.pseudonym());
            by.computeIfAbsent(p.patientId(), k -> new TreeMap<>()).computeIfAbsent(p.endpoint(), k -> new ArrayList<>()).add(p);
        }
        List<PatientRow> rows = new ArrayList<>();
        by.forEach((id, endpoints) -> {
            Map<String, PatientEndpoint> m = new LinkedHashMap<>();
            endpoints.forEach((endpoint, list) -> m.put(endpoint, new PatientEndpoint(
                    list.stream().mapToDouble(ExperimentRuns.Prediction::probability).average().orElse(Double.NaN),
                    list.stream().map(p -> p.fold() + 1).toList(), list.getFirst().outcome())));
            rows.add(new PatientRow(id, names.get(id), m));
        });
        rows.sort(java.util.Comparator.comparing(PatientRow::pseudonym));
        return rows;
    }

    // ---- exports ----------------------------------------------------------------------------------

    /** A table of a finished run by name ({@link ResultTables#NAMES}); reading the predictions is audited. */
    public Table table(long runId, String name) {
        if (!ResultTables.NAMES.contains(name)) {
            throw new NotFoundException("No table '" + name + "'; tables: " + String.join(", ", ResultTables.NAMES));
        }
        RunResults r = finished(runId);
        List<ResultTables.PredictionRow> predictions = List.of();
        if (name.equals("predictions")) {
            predictions = experiments.predictions(runId).stream().map(p -> new ResultTables.PredictionRow(p.endpoint(), p.repeat(), p.fold(),
                    p.pseudonym(), p.probability(), p.outcome())).toList();
        }
        return ResultTables.table(name, r, predictions);
    }

    /** The one-page HTML report of a finished run, plots inline as SVG. */
    public String report(long runId) {
        ExperimentRuns.Run run = experiments.run(runId);
        RunResults r = finished(runId);
        Experiment e = experiments.get(run.experimentId());
        Map<String, Map<Integer, double[][]>> roc = new LinkedHashMap<>();
        for (RunResults.Endpoint ep : r.endpoints()) {
            roc.put(ep.name(), experiments.rocCurves(runId, ep.name()));
        }
        return HtmlReport.render(new HtmlReport.Header(run.experimentName(), e.description(), runId, run.version(), run.state().name(),
                TIME.format(run.createdAt()), run.finishedAt() == null ? null : TIME.format(run.finishedAt())), r, roc);
    }

    /** File name stem of a run's exports, e.g. "tiny-v1-run7". */
    public static String fileStem(ExperimentRuns.Run run) {
        String base = run.experimentName().strip().replaceAll("[^A-Za-z0-9._-]+", "_");
        return (base.isEmpty() ? "experiment" : base) + "-v" + run.version() + "-run" + run.id();
    }

    private RunResults finished(long runId) {
        RunResults r = results(runId);
        if (r == null) {
            throw new NotFoundException("Run " + runId + " has no results yet");
        }
        return r;
    }

    // ---- comparison -------------------------------------------------------------------------------

    /** Experiments of a project a member can choose from for a comparison, newest first. */
    public List<Experiment> experimentsOf(long projectId) {
        return experiments.list(projectId, 0, 1000);
    }

    /** Each experiment (in the given order, duplicates once) with its newest finished run. */
    public List<ResultTables.Compared> compare(List<Long> experimentIds) {
        List<ResultTables.Compared> out = new ArrayList<>();
        for (long id : new LinkedHashSet<>(experimentIds)) {
            Experiment e = experiments.get(id);
            ExperimentRuns.Run run = experiments.runs(id).stream().filter(ExperimentRuns.Run::hasResults).findFirst().orElse(null);
            out.add(new ResultTables.Compared(id, e.name(), run == null ? null : run.id(), run == null ? null : run.version(),
                    run == null ? null : results(run.id())));
        }
        return out;
    }

    public Table comparisonTable(List<Long> experimentIds) {
        return ResultTables.comparison(compare(experimentIds));
    }
}

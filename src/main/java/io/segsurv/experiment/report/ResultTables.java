/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exportable tables of a run's results: the performance table (the paper's Extended Data Table
 * 2), folds, selected features per fold, their stability across folds, baselines, risk-group
 * survival, external validation and the out-of-fold predictions; and the comparison of experiments.
 * Numbers are the document's own, at full precision.
 */
public final class ResultTables {

    /** Tables of a run, by the name used in file names and URLs. */
    public static final List<String> NAMES = List.of("performance", "folds", "features", "stability", "baselines", "survival",
            "external", "predictions");

    /** One out-of-fold prediction as exported (no database ids). */
    public record PredictionRow(String endpoint, int repeat, int fold, String patient, double pSurvival, int outcome) {
    }

    /** One experiment's newest finished run in a comparison (results null when it has none). */
    public record Compared(long experimentId, String experimentName, Long runId, Integer version, RunResults results) {
    }

    private ResultTables() {
    }

    /** A table of a run by name; the predictions table is built from the given rows (the caller audits their reading). */
    public static Table table(String name, RunResults r, List<PredictionRow> predictions) {
        return switch (name) {
            case "performance" -> performance(r);
            case "folds" -> folds(r);
            case "features" -> features(r);
            case "stability" -> stability(r);
            case "baselines" -> baselines(r);
            case "survival" -> survival(r);
            case "external" -> external(r);
            case "predictions" -> predictions(predictions);
            default -> throw new IllegalArgumentException("no table '" + name + "'; tables: " + String.join(", ", NAMES));
        };
    }

    public static Table performance(RunResults r) {
        List<String> columns = new ArrayList<>(List.of("endpoint", "patients", "deaths"));
        for (String m : RunResults.METRICS) {
            columns.addAll(List.of(m + "_mean", m + "_fold_low", m + "_fold_high"));
        }
        columns.addAll(List.of("auc_delong_low", "auc_delong_high", "error"));
        List<List<Object>> rows = new ArrayList<>();
        for (RunResults.Endpoint e : r.endpoints()) {
            List<Object> row = new ArrayList<>(List.of(e.name()));
            row.add(e.patients());
            row.add(e.deaths());
            for (String m : RunResults.METRICS) {
                RunResults.Metric x = e.evaluated() ? e.metric(m) : RunResults.Metric.ABSENT;
                row.add(e.evaluated() ? x.mean() : null);
                row.add(e.evaluated() ? x.low() : null);
                row.add(e.evaluated() ? x.high() : null);
            }
            RunResults.Metric auc = e.metric("auc");
            row.add(e.evaluated() ? auc.delongLow() : null);
            row.add(e.evaluated() ? auc.delongHigh() : null);
            row.add(e.error());
            rows.add(row);
        }
        return new Table("performance", columns, rows);
    }

    public static Table folds(RunResults r) {
        Table.Builder t = new Table.Builder("folds", "endpoint", "repeat", "fold", "test_patients", "chosen_k", "medoids", "lambda",
                "selected_features", "auc", "accuracy", "sensitivity", "specificity", "threshold", "note");
        for (RunResults.Endpoint e : r.endpoints()) {
            for (RunResults.Fold f : e.folds()) {
                t.row(e.name(), f.repeat(), f.fold(), f.testPatients(), f.chosenK(), f.medoids(), f.lambda(), String.join(";", f.selectedFeatures()),
                        f.metric("auc"), f.metric("accuracy"), f.metric("sensitivity"), f.metric("specificity"), f.metric("threshold"), f.note());
            }
        }
        return t.build();
    }

    /** One row per feature selected in a fold. */
    public static Table features(RunResults r) {
        Table.Builder t = new Table.Builder("features", "endpoint", "repeat", "fold", "chosen_k", "lambda", "feature");
        for (RunResults.Endpoint e : r.endpoints()) {
            for (RunResults.Fold f : e.folds()) {
                for (String feature : f.selectedFeatures()) {
                    t.row(e.name(), f.repeat(), f.fold(), f.chosenK(), f.lambda(), feature);
                }
            }
        }
        return t.build();
    }

    public static Table stability(RunResults r) {
        Table.Builder t = new Table.Builder("stability", "endpoint", "feature", "folds_selecting", "folds");
        for (RunResults.Endpoint e : r.endpoints()) {
            for (Map.Entry<String, Integer> s : e.stability()) {
                t.row(e.name(), s.getKey(), s.getValue(), e.folds().size());
            }
        }
        return t.build();
    }

    public static Table baselines(RunResults r) {
        Table.Builder t = new Table.Builder("baselines", "endpoint", "baseline", "patients", "auc", "delong_low", "delong_high", "model_auc",
                "p_delong_vs_model", "note");
        for (RunResults.Endpoint e : r.endpoints()) {
            for (RunResults.Baseline b : e.baselines()) {
                t.row(e.name(), b.name(), b.patients(), b.auc(), b.delongLow(), b.delongHigh(), b.modelAuc(), b.pDeLongVsModel(), b.note());
            }
        }
        return t.build();
    }

    public static Table survival(RunResults r) {
        Table.Builder t = new Table.Builder("survival", "endpoint", "group", "patients", "events", "median_years", "log_rank_chi_square",
                "log_rank_p", "hazard_ratio_high_vs_low", "hazard_ratio_low", "hazard_ratio_high", "c_index");
        for (RunResults.Endpoint e : r.endpoints()) {
            RunResults.Survival s = e.survival();
            if (s == null) {
                continue;
            }
            for (RunResults.KmGroup g : s.groups()) {
                t.row(e.name(), g.name(), g.patients(), g.events(), g.medianYears(), s.logRankChiSquare(), s.logRankP(), s.hazardRatio(),
                        s.hazardLow(), s.hazardHigh(), s.cIndex());
            }
        }
        return t.build();
    }

    public static Table external(RunResults r) {
        Table.Builder t = new Table.Builder("external", "endpoint", "patients", "deaths", "auc", "accuracy", "sensitivity", "specificity",
                "threshold", "delong_low", "delong_high", "chosen_k", "lambda", "selected_features", "error");
        for (RunResults.Endpoint e : r.endpoints()) {
            RunResults.External x = e.external();
            if (x == null) {
                continue;
            }
            t.row(e.name(), x.patients(), x.deaths(), x.metric("auc"), x.metric("accuracy"), x.metric("sensitivity"), x.metric("specificity"),
                    x.metric("threshold"), x.delongLow(), x.delongHigh(), x.chosenK(), x.lambda(), String.join(";", x.selectedFeatures()),
                    x.error());
        }
        return t.build();
    }

    public static Table predictions(List<PredictionRow> rows) {
        Table.Builder t = new Table.Builder("predictions", "endpoint", "repeat", "fold", "patient", "p_survival", "outcome");
        rows.forEach(p -> t.row(p.endpoint(), p.repeat(), p.fold(), p.patient(), p.pSurvival(), p.outcome()));
        return t.build();
    }

    /** Per endpoint and experiment: AUC (fold interval), DeLong CI, accuracy, sensitivity, specificity. */
    public static Table comparison(List<Compared> experiments) {
        List<String> columns = new ArrayList<>(List.of("endpoint", "experiment", "experiment_id", "run", "version", "patients"));
        for (String m : List.of("auc", "accuracy", "sensitivity", "specificity")) {
            columns.addAll(List.of(m + "_mean", m + "_fold_low", m + "_fold_high"));
        }
        columns.addAll(List.of("auc_delong_low", "auc_delong_high", "error"));
        List<List<Object>> rows = new ArrayList<>();
        for (String endpoint : endpoints(experiments)) {
            for (Compared c : experiments) {
                RunResults.Endpoint e = c.results() == null ? null : c.results().endpoint(endpoint);
                List<Object> row = new ArrayList<>(List.of(endpoint, c.experimentName(), c.experimentId()));
                row.add(c.runId());
                row.add(c.version());
                row.add(e == null ? null : e.patients());
                boolean ok = e != null && e.evaluated();
                for (String m : List.of("auc", "accuracy", "sensitivity", "specificity")) {
                    RunResults.Metric x = ok ? e.metric(m) : RunResults.Metric.ABSENT;
                    row.add(ok ? x.mean() : null);
                    row.add(ok ? x.low() : null);
                    row.add(ok ? x.high() : null);
                }
                row.add(ok ? e.metric("auc").delongLow() : null);
                row.add(ok ? e.metric("auc").delongHigh() : null);
                row.add(c.results() == null ? "no finished run" : e == null ? "endpoint not in this experiment" : e.error());
                rows.add(row);
            }
        }
        return new Table("comparison", columns, rows);
    }

    /** Endpoints of the compared runs, in the paper's order (2OS, 5OS, 2DS, 5DS) then any other. */
    public static List<String> endpoints(List<Compared> experiments) {
        List<String> out = new ArrayList<>();
        for (String known : List.of("2OS", "5OS", "2DS", "5DS")) {
            if (experiments.stream().anyMatch(c -> c.results() != null && c.results().endpoint(known) != null)) {
                out.add(known);
            }
        }
        for (Compared c : experiments) {
            if (c.results() != null) {
                c.results().endpoints().stream().map(RunResults.Endpoint::name).filter(n -> !out.contains(n)).forEach(out::add);
            }
        }
        return out;
    }
}

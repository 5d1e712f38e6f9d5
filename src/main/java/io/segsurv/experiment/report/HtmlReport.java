/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-page, self-contained HTML report of a run: what was run (experiment, run, cohorts, models,
 * configuration), the performance table in the layout of the paper's Extended Data Table 2, per
 * endpoint the box plots across folds, ROC curves and Kaplan-Meier curves of the predicted risk
 * groups as inline SVG ({@link SvgPlots}), the baselines, and the external validation with its ROC.
 */
public final class HtmlReport {

    /** What the report says about the run besides its results. */
    public record Header(String experimentName, String description, long runId, int version, String state, String createdAt,
            String finishedAt) {
    }

    private HtmlReport() {
    }

    /**
     * @param roc per endpoint the run's ROC curves: -1 pooled, else repeat * 1000 + fold -> [fpr, tpr] points
     */
    public static String render(Header h, RunResults r, Map<String, Map<Integer, double[][]>> roc) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        String title = "Experiment " + h.experimentName() + " v" + h.version() + ", run " + h.runId();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:72em;color:#1a2b3c}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccd;padding:.25em .6em;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f1f3f6}td.error{text-align:left;color:#a33}")
                .append("#configuration td,#models td{text-align:left}")
                .append(".plots{display:flex;flex-wrap:wrap;gap:1em}.plots svg{border:1px solid #e3e6ea}h2{border-bottom:1px solid #ccd}")
                .append("</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        if (h.description() != null && !h.description().isBlank()) {
            sb.append("<p>").append(esc(h.description())).append("</p>\n");
        }
        sb.append("<p>State ").append(esc(h.state())).append(" · created ").append(esc(h.createdAt())).append(" · finished ")
                .append(esc(h.finishedAt() == null ? Format.NONE : h.finishedAt())).append(" · training cohort ").append(esc(value(r.cohortName())))
                .append(" (").append(Format.count(r.cohortPatients())).append(" patients)");
        if (r.externalCohortName() != null) {
            sb.append(" · external cohort ").append(esc(r.externalCohortName())).append(" (").append(Format.count(r.externalCohortPatients()))
                    .append(" patients)");
        }
        sb.append(" · ").append(Format.count(r.features())).append(" bottleneck features");
        if (r.permutedLabels()) {
            sb.append(" · <strong>negative control: outcomes permuted</strong>");
        }
        sb.append("</p>\n");

        sb.append("<h2>Configuration</h2>\n");
        Map<String, String> config = new LinkedHashMap<>();
        r.configuration().forEach((k, v) -> config.put(k, String.valueOf(v)));
        keyValues(sb, "configuration", config);
        Map<String, String> models = new LinkedHashMap<>();
        r.models().forEach((modality, m) -> {
            Map<String, Object> mm = RunResults.map(m);
            models.put(modality, value(RunResults.string(mm.get("name"))) + " (model " + mm.get("id") + "): " + mm.get("epochs")
                    + " epochs, best epoch " + mm.get("bestEpoch") + ", validation Dice " + Format.number(RunResults.number(mm.get("bestValidationDice"))));
        });
        if (!models.isEmpty()) {
            sb.append("<h3>Segmentation networks</h3>\n");
            keyValues(sb, "models", models);
        }

        sb.append("<h2>Performance</h2>\n<p>Mean across folds with the interval across folds (the paper's 95% CI), ")
                .append("and the DeLong 95% CI of the AUC on the pooled out-of-fold predictions.</p>\n");
        performance(sb, r);

        for (RunResults.Endpoint e : r.endpoints()) {
            sb.append("<h2 id=\"endpoint-").append(esc(e.name())).append("\">").append(esc(e.name())).append("</h2>\n");
            if (!e.evaluated()) {
                sb.append("<p class=\"error\">Not evaluated: ").append(esc(value(e.error()))).append("</p>\n");
                continue;
            }
            sb.append("<div class=\"plots\">\n");
            sb.append(SvgPlots.boxPlot(e.name() + ": metrics across folds", foldMetrics(e))).append('\n');
            sb.append(SvgPlots.roc(e.name() + ": ROC curves", curves(roc.getOrDefault(e.name(), Map.of()), e))).append('\n');
            if (e.survival() != null) {
                sb.append(SvgPlots.kaplanMeier(e.name() + ": predicted risk groups", "log-rank p = " + Format.p(e.survival().logRankP()),
                        kmCurves(e.survival()))).append('\n');
            }
            sb.append("</div>\n");
            if (e.survival() != null) {
                RunResults.Survival s = e.survival();
                sb.append("<p>Risk groups: ");
                List<String> parts = new ArrayList<>();
                for (RunResults.KmGroup g : s.groups()) {
                    parts.add(esc(g.name()) + " " + g.patients() + " patients, " + g.events() + " events, median "
                            + (g.medianYears() == null ? "not reached" : Format.number(g.medianYears()) + " y"));
                }
                sb.append(String.join("; ", parts)).append(". Log-rank p ").append(esc(Format.p(s.logRankP()))).append(", hazard ratio high vs low ")
                        .append(Format.number(s.hazardRatio())).append(" (").append(Format.interval(s.hazardLow(), s.hazardHigh()))
                        .append("), C-index ").append(Format.number(s.cIndex())).append(".</p>\n");
            }
            if (!e.baselines().isEmpty()) {
                sb.append("<h3>Baselines</h3>\n");
                baselines(sb, e);
            }
            List<Map.Entry<String, Integer>> stable = e.stability();
            if (!stable.isEmpty()) {
                sb.append("<h3>Features selected most often</h3>\n<p>");
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < Math.min(15, stable.size()); i++) {
                    parts.add(esc(stable.get(i).getKey()) + " (" + stable.get(i).getValue() + "/" + e.folds().size() + ")");
                }
                sb.append(String.join(", ", parts)).append("</p>\n");
            }
        }

        boolean anyExternal = r.endpoints().stream().anyMatch(e -> e.external() != null);
        if (anyExternal) {
            sb.append("<h2>External validation</h2>\n");
            external(sb, r);
            sb.append("<div class=\"plots\">\n");
            for (RunResults.Endpoint e : r.endpoints()) {
                RunResults.External x = e.external();
                if (x != null && x.error() == null) {
                    double[][] points = x.rocPoints();
                    if (points.length > 0) {
                        sb.append(SvgPlots.roc(e.name() + ": external validation",
                                List.of(new SvgPlots.Curve("External", points, x.metric("auc"), true)))).append('\n');
                    }
                }
            }
            sb.append("</div>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** Metric name -> values per fold, in the order of the paper's box plots. */
    public static Map<String, double[]> foldMetrics(RunResults.Endpoint e) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("Accuracy", e.foldValues("accuracy"));
        m.put("Sensitivity", e.foldValues("sensitivity"));
        m.put("Specificity", e.foldValues("specificity"));
        m.put("AUC", e.foldValues("auc"));
        return m;
    }

    /** The pooled curve first (emphasised), then each fold's. */
    static List<SvgPlots.Curve> curves(Map<Integer, double[][]> roc, RunResults.Endpoint e) {
        List<SvgPlots.Curve> out = new ArrayList<>();
        double[][] pooled = roc.get(-1);
        if (pooled != null) {
            out.add(new SvgPlots.Curve("Pooled", pooled, RunResults.area(pooled), true));
        }
        roc.forEach((key, points) -> {
            if (key >= 0) {
                int repeat = key / 1000;
                int fold = key % 1000;
                double auc = e.folds().stream().filter(f -> f.repeat() == repeat && f.fold() == fold).mapToDouble(f -> f.metric("auc"))
                        .findFirst().orElse(Double.NaN);
                out.add(new SvgPlots.Curve("Fold " + (fold + 1) + (repeat > 0 ? " (repeat " + (repeat + 1) + ")" : ""), points, auc, false));
            }
        });
        return out;
    }

    static List<SvgPlots.KmCurve> kmCurves(RunResults.Survival s) {
        return s.groups().stream().map(g -> new SvgPlots.KmCurve(g.name() + " risk (" + g.patients() + ")", g.times(), g.survival(),
                g.censored())).toList();
    }

    private static void performance(StringBuilder sb, RunResults r) {
        sb.append("<table id=\"performance\"><thead><tr><th>Endpoint</th><th>Patients</th><th>Deaths</th><th>Accuracy</th><th>Sensitivity</th>")
                .append("<th>Specificity</th><th>AUC</th><th>AUC DeLong 95% CI</th></tr></thead><tbody>\n");
        for (RunResults.Endpoint e : r.endpoints()) {
            sb.append("<tr><td>").append(esc(e.name())).append("</td><td>").append(Format.count(e.patients())).append("</td><td>")
                    .append(Format.count(e.deaths())).append("</td>");
            if (!e.evaluated()) {
                sb.append("<td class=\"error\" colspan=\"5\">").append(esc(value(e.error()))).append("</td>");
            } else {
                for (String m : RunResults.METRICS) {
                    sb.append("<td>").append(Format.withInterval(e.metric(m))).append("</td>");
                }
                RunResults.Metric auc = e.metric("auc");
                sb.append("<td>").append(Format.interval(auc.delongLow(), auc.delongHigh())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void baselines(StringBuilder sb, RunResults.Endpoint e) {
        sb.append("<table class=\"baselines\"><thead><tr><th>Baseline</th><th>Patients</th><th>AUC</th><th>DeLong 95% CI</th>")
                .append("<th>Model AUC (same patients)</th><th>DeLong p vs model</th></tr></thead><tbody>\n");
        for (RunResults.Baseline b : e.baselines()) {
            sb.append("<tr><td>").append(esc(b.name())).append("</td><td>").append(Format.count(b.patients())).append("</td>");
            if (b.note() != null) {
                sb.append("<td class=\"error\" colspan=\"4\">").append(esc(b.note())).append("</td>");
            } else {
                sb.append("<td>").append(Format.number(b.auc())).append("</td><td>").append(Format.interval(b.delongLow(), b.delongHigh()))
                        .append("</td><td>").append(Format.number(b.modelAuc())).append("</td><td>").append(esc(Format.p(b.pDeLongVsModel())))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void external(StringBuilder sb, RunResults r) {
        sb.append("<table id=\"external\"><thead><tr><th>Endpoint</th><th>Patients</th><th>Deaths</th><th>Accuracy</th><th>Sensitivity</th>")
                .append("<th>Specificity</th><th>AUC</th><th>AUC DeLong 95% CI</th><th>Features</th></tr></thead><tbody>\n");
        for (RunResults.Endpoint e : r.endpoints()) {
            RunResults.External x = e.external();
            if (x == null) {
                continue;
            }
            sb.append("<tr><td>").append(esc(e.name())).append("</td><td>").append(Format.count(x.patients())).append("</td><td>")
                    .append(Format.count(x.deaths())).append("</td>");
            if (x.error() != null) {
                sb.append("<td class=\"error\" colspan=\"6\">").append(esc(x.error())).append("</td>");
            } else {
                for (String m : RunResults.METRICS) {
                    sb.append("<td>").append(Format.number(x.metric(m))).append("</td>");
                }
                sb.append("<td>").append(Format.interval(x.delongLow(), x.delongHigh())).append("</td><td>")
                        .append(esc(String.join(", ", x.selectedFeatures()))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void keyValues(StringBuilder sb, String id, Map<String, String> values) {
        sb.append("<table id=\"").append(esc(id)).append("\"><tbody>\n");
        values.forEach((k, v) -> sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n"));
        sb.append("</tbody></table>\n");
    }

    private static String value(String s) {
        return s == null ? Format.NONE : s;
    }

    static String esc(String s) {
        return SvgPlots.escape(s == null ? "" : s);
    }
}

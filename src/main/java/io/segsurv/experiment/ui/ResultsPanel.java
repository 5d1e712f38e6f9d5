/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouteParameters;
import io.segsurv.base.chart.ChartOption;
import io.segsurv.base.chart.FoldBoxPlot;
import io.segsurv.base.chart.KaplanMeierPlot;
import io.segsurv.base.chart.RocCurves;
import io.segsurv.base.ui.chart.Chart;
import io.segsurv.cohort.ui.PatientView;
import io.segsurv.experiment.ExperimentDashboards;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.experiment.report.Format;
import io.segsurv.experiment.report.HtmlReport;
import io.segsurv.experiment.report.ResultTables;
import io.segsurv.experiment.report.RunResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results of a finished run as PIs review them: the performance table in the layout of the
 * paper's Extended Data Table 2, per endpoint the box plots across folds (Figure 2), ROC curves per
 * fold and pooled, Kaplan-Meier curves of the predicted risk groups, the selected features per fold
 * and their stability, the baselines, then the external validation (Figure 3), the patients'
 * predictions and the downloads.
 */
class ResultsPanel extends VerticalLayout {

    private final ExperimentDashboards dashboards;
    private final ExperimentRuns.Run run;
    private final RunResults results;

    ResultsPanel(ExperimentDashboards dashboards, ExperimentRuns.Run run, RunResults results) {
        this.dashboards = dashboards;
        this.run = run;
        this.results = results;
        setId("dashboard");
        setPadding(false);
        add(summary(), downloads());
        add(new H3("Performance"), new Paragraph("Mean across folds with the interval across folds (the paper's 95% CI); the DeLong 95% CI "
                + "of the AUC is computed on the pooled out-of-fold predictions."), performanceTable());
        for (RunResults.Endpoint e : results.endpoints()) {
            add(endpoint(e));
        }
        if (results.endpoints().stream().anyMatch(e -> e.external() != null)) {
            add(external());
        }
        add(patients());
    }

    private Component summary() {
        StringBuilder sb = new StringBuilder("Run " + run.id() + " of version " + run.version() + ": training cohort "
                + value(results.cohortName()) + " (" + Format.count(results.cohortPatients()) + " patients)");
        if (results.externalCohortName() != null) {
            sb.append(", external cohort ").append(results.externalCohortName()).append(" (").append(Format.count(results.externalCohortPatients()))
                    .append(" patients)");
        }
        sb.append(", ").append(Format.count(results.features())).append(" bottleneck features.");
        Paragraph p = new Paragraph(sb.toString());
        p.setId("run-summary");
        if (results.permutedLabels()) {
            Span warn = new Span(" Negative control: the outcomes were permuted among the patients.");
            warn.getElement().setAttribute("theme", "badge error");
            p.add(warn);
        }
        return p;
    }

    private Component downloads() {
        String stem = ExperimentDashboards.fileStem(run);
        long runId = run.id();
        Div box = new Div();
        box.setId("downloads");
        box.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("align-items", "baseline");
        box.add(new Span("Downloads:"));
        box.add(Downloads.link("download-report", "HTML report", stem + "-report.html", Downloads.HTML, () -> dashboards.report(runId)));
        for (String table : ResultTables.NAMES) {
            box.add(Downloads.link("download-" + table + "-csv", table + ".csv", stem + "-" + table + ".csv", Downloads.CSV,
                    () -> dashboards.table(runId, table).csv()));
            box.add(Downloads.link("download-" + table + "-json", table + ".json", stem + "-" + table + ".json", Downloads.JSON,
                    () -> dashboards.table(runId, table).json()));
        }
        return box;
    }

    private NativeTable performanceTable() {
        NativeTable t = table("performance-table", "Endpoint", "Patients", "Deaths", "Accuracy", "Sensitivity", "Specificity", "AUC",
                "AUC DeLong 95% CI");
        for (RunResults.Endpoint e : results.endpoints()) {
            NativeTableRow tr = t.getBody().addRow();
            tr.getElement().setAttribute("data-endpoint", e.name());
            cell(tr, "endpoint", e.name());
            cell(tr, "patients", Format.count(e.patients()));
            cell(tr, "deaths", Format.count(e.deaths()));
            if (!e.evaluated()) {
                NativeTableCell c = cell(tr, "error", "Not evaluated: " + value(e.error()));
                c.getElement().setAttribute("colspan", "5");
                continue;
            }
            for (String m : RunResults.METRICS) {
                cell(tr, m, Format.withInterval(e.metric(m)));
            }
            RunResults.Metric auc = e.metric("auc");
            cell(tr, "delong", Format.interval(auc.delongLow(), auc.delongHigh()));
        }
        return t;
    }

    private Component endpoint(RunResults.Endpoint e) {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        section.setId("endpoint-" + e.name());
        section.add(new H3("Endpoint " + e.name()));
        if (!e.evaluated()) {
            Paragraph p = new Paragraph("Not evaluated: " + value(e.error()));
            p.addClassName("endpoint-error");
            section.add(p);
            return section;
        }
        FlexLayout charts = chartRow();
        Map<String, double[]> folds = HtmlReport.foldMetrics(e);
        charts.add(card(chart("chart-box-" + e.name(), e.name() + ": accuracy, sensitivity, specificity and AUC across " + e.folds().size()
                + " folds", FoldBoxPlot.of(e.name() + ": metrics across folds", e.folds().size() + " test folds", folds)), "box-" + e.name()));
        charts.add(card(chart("chart-roc-" + e.name(), e.name() + ": ROC curves of every fold and of the pooled out-of-fold predictions",
                RocCurves.of(e.name() + ": ROC curves", "pooled and per fold", rocCurves(e))), "roc-" + e.name()));
        if (e.survival() != null) {
            RunResults.Survival s = e.survival();
            List<KaplanMeierPlot.Group> groups = s.groups().stream().map(g -> new KaplanMeierPlot.Group(g.name() + " risk (" + g.patients()
                    + ")", g.times(), g.survival(), g.censored())).toList();
            charts.add(card(chart("chart-km-" + e.name(), e.name() + ": Kaplan-Meier curves of the predicted high and low risk groups",
                    KaplanMeierPlot.of(e.name() + ": predicted risk groups", "log-rank p = " + Format.p(s.logRankP()), "years", groups)),
                    "km-" + e.name()));
        }
        section.add(charts);
        if (e.survival() != null) {
            RunResults.Survival s = e.survival();
            String groups = s.groups().stream().map(g -> g.name() + " risk: " + g.patients() + " patients, " + g.events() + " events, median "
                    + (g.medianYears() == null ? "not reached" : Format.number(g.medianYears()) + " years")).collect(Collectors.joining("; "));
            Paragraph p = new Paragraph(groups + ". Log-rank p " + Format.p(s.logRankP()) + ", hazard ratio high vs low "
                    + Format.number(s.hazardRatio()) + " (" + Format.interval(s.hazardLow(), s.hazardHigh()) + "), C-index "
                    + Format.number(s.cIndex()) + ".");
            p.setId("survival-" + e.name());
            section.add(p);
        }
        section.add(new H4("Selected features per fold"), foldTable(e));
        section.add(new H4("Stability across folds"), stabilityTable(e));
        if (!e.baselines().isEmpty()) {
            section.add(new H4("Baselines on the same patients"), baselineTable(e));
        }
        return section;
    }

    private List<RocCurves.Curve> rocCurves(RunResults.Endpoint e) {
        Map<Integer, double[][]> roc = dashboards.rocCurves(run.id(), e.name());
        List<RocCurves.Curve> out = new ArrayList<>();
        double[][] pooled = roc.get(-1);
        if (pooled != null) {
            out.add(curve("Pooled", pooled, RunResults.area(pooled)));
        }
        for (RunResults.Fold f : e.folds()) {
            double[][] points = roc.get(f.repeat() * 1000 + f.fold());
            if (points != null) {
                out.add(curve("Fold " + (f.fold() + 1) + (f.repeat() > 0 ? " r" + (f.repeat() + 1) : ""), points, f.metric("auc")));
            }
        }
        return out;
    }

    static RocCurves.Curve curve(String name, double[][] points, double auc) {
        double[] fpr = new double[points.length];
        double[] tpr = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            fpr[i] = points[i][0];
            tpr[i] = points[i][1];
        }
        return new RocCurves.Curve(name, fpr, tpr, auc);
    }

    private NativeTable foldTable(RunResults.Endpoint e) {
        NativeTable t = table("folds-" + e.name(), "Fold", "Test patients", "Chosen k", "Lambda", "Selected features", "AUC", "Accuracy",
                "Sensitivity", "Specificity");
        for (RunResults.Fold f : e.folds()) {
            NativeTableRow tr = t.getBody().addRow();
            cell(tr, "fold", (f.fold() + 1) + (f.repeat() > 0 ? " (repeat " + (f.repeat() + 1) + ")" : ""));
            cell(tr, "test", String.valueOf(f.testPatients()));
            cell(tr, "k", Format.count(f.chosenK()));
            cell(tr, "lambda", Format.lambda(f.lambda()));
            cell(tr, "features", f.selectedFeatures().isEmpty() ? "none" : String.join(", ", f.selectedFeatures()));
            for (String m : List.of("auc", "accuracy", "sensitivity", "specificity")) {
                cell(tr, m, Format.number(f.metric(m)));
            }
        }
        return t;
    }

    private NativeTable stabilityTable(RunResults.Endpoint e) {
        NativeTable t = table("stability-" + e.name(), "Feature", "Folds selecting it");
        List<Map.Entry<String, Integer>> stable = e.stability();
        for (Map.Entry<String, Integer> s : stable.subList(0, Math.min(25, stable.size()))) {
            NativeTableRow tr = t.getBody().addRow();
            cell(tr, "feature", s.getKey());
            cell(tr, "folds", s.getValue() + " / " + e.folds().size());
        }
        if (stable.size() > 25) {
            NativeTableRow tr = t.getBody().addRow();
            cell(tr, "more", (stable.size() - 25) + " more features (in the stability export)").getElement().setAttribute("colspan", "2");
        }
        return t;
    }

    private NativeTable baselineTable(RunResults.Endpoint e) {
        NativeTable t = table("baselines-" + e.name(), "Baseline", "Patients", "AUC", "DeLong 95% CI", "Model AUC (same patients)",
                "DeLong p vs model");
        for (RunResults.Baseline b : e.baselines()) {
            NativeTableRow tr = t.getBody().addRow();
            tr.getElement().setAttribute("data-baseline", b.name());
            cell(tr, "baseline", b.name());
            cell(tr, "patients", Format.count(b.patients()));
            if (b.note() != null) {
                cell(tr, "note", b.note()).getElement().setAttribute("colspan", "4");
                continue;
            }
            cell(tr, "auc", Format.number(b.auc()));
            cell(tr, "delong", Format.interval(b.delongLow(), b.delongHigh()));
            cell(tr, "model", Format.number(b.modelAuc()));
            cell(tr, "p", Format.p(b.pDeLongVsModel()));
        }
        return t;
    }

    private Component external() {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        section.setId("external-validation");
        section.add(new H3("External validation"), new Paragraph("The model trained on the whole training cohort ("
                + value(results.cohortName()) + "), applied unchanged to " + value(results.externalCohortName()) + "."));
        NativeTable t = table("external-table", "Endpoint", "Patients", "Deaths", "Accuracy", "Sensitivity", "Specificity", "AUC",
                "AUC DeLong 95% CI", "Chosen k", "Features");
        FlexLayout charts = chartRow();
        for (RunResults.Endpoint e : results.endpoints()) {
            RunResults.External x = e.external();
            if (x == null) {
                continue;
            }
            NativeTableRow tr = t.getBody().addRow();
            tr.getElement().setAttribute("data-endpoint", e.name());
            cell(tr, "endpoint", e.name());
            cell(tr, "patients", Format.count(x.patients()));
            cell(tr, "deaths", Format.count(x.deaths()));
            if (x.error() != null) {
                cell(tr, "error", "Not evaluated: " + x.error()).getElement().setAttribute("colspan", "7");
                continue;
            }
            for (String m : RunResults.METRICS) {
                cell(tr, m, Format.number(x.metric(m)));
            }
            cell(tr, "delong", Format.interval(x.delongLow(), x.delongHigh()));
            cell(tr, "k", Format.count(x.chosenK()));
            cell(tr, "features", String.join(", ", x.selectedFeatures()));
            double[][] points = x.rocPoints();
            if (points.length > 0) {
                charts.add(card(chart("chart-roc-external-" + e.name(), e.name() + ": ROC curve of the external validation",
                        RocCurves.of(e.name() + ": external validation", value(results.externalCohortName()),
                                List.of(curve("External", points, x.metric("auc"))))), "roc-external-" + e.name()));
            }
        }
        section.add(t, charts);
        return section;
    }

    private Component patients() {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        section.add(new H3("Patients"), new Paragraph("Out-of-fold predicted probability of survival per endpoint, the test fold and the "
                + "true outcome at the horizon. Click a patient to open their page."));
        List<ExperimentDashboards.PatientRow> rows = dashboards.patients(run.id());
        Grid<ExperimentDashboards.PatientRow> grid = new Grid<>(ExperimentDashboards.PatientRow.class, false);
        grid.addColumn(ExperimentDashboards.PatientRow::pseudonym).setHeader("Patient").setAutoWidth(true).setFrozen(true);
        for (RunResults.Endpoint e : results.endpoints()) {
            if (!e.evaluated()) {
                continue;
            }
            String ep = e.name();
            grid.addColumn(r -> r.endpoints().containsKey(ep) ? Format.number(r.endpoints().get(ep).probability()) : "")
                    .setHeader("P(survival) " + ep).setAutoWidth(true);
            grid.addColumn(r -> r.endpoints().containsKey(ep) ? r.endpoints().get(ep).folds().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) : "").setHeader("Fold " + ep).setAutoWidth(true);
            grid.addColumn(r -> r.endpoints().containsKey(ep) ? (r.endpoints().get(ep).outcome() == 1 ? "alive" : "dead") : "")
                    .setHeader("Outcome " + ep).setAutoWidth(true);
        }
        grid.setItems(rows);
        grid.setId("patients-grid");
        grid.setHeight("24rem");
        grid.addItemClickListener(ev -> UI.getCurrent().navigate(PatientView.class,
                new RouteParameters("patientId", String.valueOf(ev.getItem().patientId()))));
        section.add(grid);
        return section;
    }

    // ---- building blocks -------------------------------------------------------------------------

    private static Chart chart(String id, String label, ChartOption option) {
        Chart c = new Chart(label);
        c.setId(id);
        c.setOption(option);
        c.setWidthFull();
        c.setHeight("20rem");
        return c;
    }

    /** A chart with its PNG and SVG download buttons. */
    private static Component card(Chart chart, String fileName) {
        String stem = fileName;
        Button png = new Button("PNG", VaadinIcon.DOWNLOAD.create(), e -> chart.exportPng(stem));
        Button svg = new Button("SVG", VaadinIcon.DOWNLOAD.create(), e -> chart.exportSvg(stem));
        png.setId(chart.getId().orElseThrow() + "-png");
        svg.setId(chart.getId().orElseThrow() + "-svg");
        png.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        svg.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Div card = new Div(chart, new Div(png, svg));
        card.getStyle().set("flex", "1 1 26rem").set("min-width", "20rem");
        return card;
    }

    private static FlexLayout chartRow() {
        FlexLayout row = new FlexLayout();
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.setWidthFull();
        row.getStyle().set("gap", "var(--lumo-space-m)");
        return row;
    }

    static NativeTable table(String id, String... headers) {
        NativeTable t = new NativeTable();
        t.setId(id);
        t.addClassName("results-table");
        t.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        NativeTableRow head = t.getHead().addRow();
        for (String h : headers) {
            head.addHeaderCell().setText(h);
        }
        return t;
    }

    static NativeTableCell cell(NativeTableRow tr, String key, String text) {
        NativeTableCell c = tr.addDataCell();
        c.setText(text);
        c.getElement().setAttribute("data-col", key);
        c.getStyle().set("padding", "0.2em 0.6em").set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        return c;
    }

    private static String value(String s) {
        return s == null ? Format.NONE : s;
    }
}

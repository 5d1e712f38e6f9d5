/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.segsurv.base.chart.RocCurves;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.chart.Chart;
import io.segsurv.experiment.Experiment;
import io.segsurv.experiment.ExperimentDashboards;
import io.segsurv.experiment.report.Format;
import io.segsurv.experiment.report.ResultTables;
import io.segsurv.experiment.report.RunResults;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.project.ui.NoProject;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Experiments side by side ({@code experiments/compare?ids=1,2,3}): per endpoint the AUC with its
 * interval across folds, the DeLong CI, accuracy, sensitivity and specificity of each experiment's
 * newest finished run, and their pooled ROC curves overlaid; the table downloads as CSV.
 */
@Route("experiments/compare")
@PageTitle("Compare experiments | SegSurv")
@Menu(order = 3.1, title = "Compare experiments", icon = "vaadin:scale")
@PermitAll
public class ExperimentComparisonView extends VerticalLayout implements BeforeEnterObserver {

    private final ExperimentDashboards dashboards;
    private final ProjectService projects;

    ExperimentComparisonView(ExperimentDashboards dashboards, ProjectService projects) {
        this.dashboards = dashboards;
        this.projects = projects;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        List<Long> ids = parse(event.getLocation().getQueryParameters().getSingleParameter("ids").orElse(""));
        // every id is checked (a run of a project the user is not in answers as not found) before anything is shown
        List<ResultTables.Compared> compared = dashboards.compare(ids);
        Project project = CurrentProject.resolve(projects).orElse(null);
        add(new H2("Compare experiments"));
        if (project == null && compared.isEmpty()) {
            add(NoProject.state("Compare experiments"));
            return;
        }
        if (project != null) {
            List<Experiment> choices = dashboards.experimentsOf(project.id());
            CheckboxGroup<Experiment> select = new CheckboxGroup<>("Experiments of " + project.name());
            select.setId("compare-select");
            select.setItemLabelGenerator(e -> e.name() + " (v" + e.latestVersion() + ")");
            select.setItems(choices);
            select.select(choices.stream().filter(e -> ids.contains(e.id())).toList());
            select.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    String value = e.getValue().stream().map(x -> String.valueOf(x.id())).sorted().collect(Collectors.joining(","));
                    UI.getCurrent().navigate(ExperimentComparisonView.class, QueryParameters.of("ids", value));
                }
            });
            add(select);
        }
        if (compared.isEmpty()) {
            add(new EmptyState("Choose experiments to compare", "Their newest finished runs appear side by side per endpoint."));
            return;
        }
        String stem = "comparison-" + compared.stream().map(c -> String.valueOf(c.experimentId())).collect(Collectors.joining("-"));
        Anchor csv = Downloads.link("download-comparison-csv", "comparison.csv", stem + ".csv", Downloads.CSV,
                () -> dashboards.comparisonTable(ids).csv());
        add(csv);
        for (ResultTables.Compared c : compared) {
            if (c.results() == null) {
                Paragraph p = new Paragraph(c.experimentName() + " has no finished run yet.");
                p.addClassName("compare-missing");
                add(p);
            }
        }
        for (String endpoint : ResultTables.endpoints(compared)) {
            add(new H3("Endpoint " + endpoint), table(endpoint, compared), roc(endpoint, compared));
        }
    }

    private NativeTable table(String endpoint, List<ResultTables.Compared> compared) {
        NativeTable t = ResultsPanel.table("compare-table-" + endpoint, "Experiment", "Run", "Patients", "AUC (fold interval)",
                "AUC DeLong 95% CI", "Accuracy", "Sensitivity", "Specificity");
        for (ResultTables.Compared c : compared) {
            RunResults.Endpoint e = c.results() == null ? null : c.results().endpoint(endpoint);
            NativeTableRow row = t.getBody().addRow();
            row.getElement().setAttribute("data-experiment", String.valueOf(c.experimentId()));
            Anchor name = new Anchor("experiments/" + c.experimentId() + (c.runId() == null ? "" : "?run=" + c.runId()), c.experimentName());
            row.addDataCell().add(name);
            ResultsPanel.cell(row, "run", c.runId() == null ? Format.NONE : c.runId() + " (v" + c.version() + ")");
            ResultsPanel.cell(row, "patients", e == null ? Format.NONE : Format.count(e.patients()));
            if (e == null || !e.evaluated()) {
                String why = c.results() == null ? "no finished run" : e == null ? "endpoint not in this experiment" : "not evaluated: " + e.error();
                ResultsPanel.cell(row, "error", why).getElement().setAttribute("colspan", "5");
                continue;
            }
            ResultsPanel.cell(row, "auc", Format.withInterval(e.metric("auc")));
            ResultsPanel.cell(row, "delong", Format.interval(e.metric("auc").delongLow(), e.metric("auc").delongHigh()));
            for (String m : List.of("accuracy", "sensitivity", "specificity")) {
                ResultsPanel.cell(row, m, Format.withInterval(e.metric(m)));
            }
        }
        return t;
    }

    private Chart roc(String endpoint, List<ResultTables.Compared> compared) {
        List<RocCurves.Curve> curves = new ArrayList<>();
        for (ResultTables.Compared c : compared) {
            if (c.runId() == null) {
                continue;
            }
            double[][] pooled = dashboards.rocCurves(c.runId(), endpoint).get(-1);
            if (pooled != null) {
                curves.add(ResultsPanel.curve(c.experimentName(), pooled, RunResults.area(pooled)));
            }
        }
        Chart chart = new Chart(endpoint + ": pooled out-of-fold ROC curves of the compared experiments");
        chart.setId("chart-compare-roc-" + endpoint);
        chart.setOption(RocCurves.of(endpoint + ": pooled ROC curves", null, curves));
        chart.setWidth("36rem");
        chart.setHeight("22rem");
        return chart;
    }

    /** "1,2,3" -> [1, 2, 3] (anything else ignored, duplicates once). */
    static List<Long> parse(String ids) {
        return List.copyOf(Arrays.stream(ids.split(",")).map(String::strip).filter(s -> s.matches("\\d{1,18}")).map(Long::parseLong)
                .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.segsurv.experiment.ExperimentDashboards;
import io.segsurv.experiment.ExperimentRuns;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A run's steps while it runs (or after it stopped): state, progress bar, message and estimated time left, updated in place. */
class RunStatusPanel extends VerticalLayout {

    private final ProgressBar overall = new ProgressBar(0, 1);
    private final Span overallText = new Span();
    private final NativeTable table = new NativeTable();
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private record Row(Span state, ProgressBar bar, Span message, Span eta) {
    }

    RunStatusPanel() {
        setId("run-status");
        setPadding(false);
        overall.setId("run-progress");
        overallText.setId("run-progress-text");
        table.setId("run-steps");
        table.setWidthFull();
        NativeTableRow head = table.getHead().addRow();
        for (String h : new String[] {"Step", "State", "Progress", "Message", "Time left"}) {
            head.addHeaderCell().setText(h);
        }
        add(new H3("Run status"), overallText, overall, table);
    }

    void update(ExperimentDashboards.RunStatus status) {
        ExperimentRuns.Run run = status.run();
        overall.setValue(Math.max(0, Math.min(1, status.progress())));
        overallText.setText(String.format(Locale.ROOT, "Run %d: %s, %.0f %% done", run.id(), run.state().name().toLowerCase(Locale.ROOT),
                100 * status.progress()));
        for (ExperimentDashboards.StepStatus s : status.steps()) {
            ExperimentRuns.Step step = s.step();
            Row row = rows.computeIfAbsent(step.name(), this::addRow);
            row.state().setText(step.state().name());
            row.state().getElement().setAttribute("theme", "badge " + theme(step.state()));
            row.bar().setValue(step.state() == ExperimentRuns.StepState.SUCCEEDED ? 1 : Math.max(0, Math.min(1, step.progress())));
            row.bar().setIndeterminate(step.state() == ExperimentRuns.StepState.RUNNING && step.progress() <= 0);
            row.message().setText(step.message() == null ? "" : step.message());
            row.eta().setText(ExperimentDashboards.duration(s.eta()));
        }
    }

    private Row addRow(String name) {
        NativeTableRow tr = table.getBody().addRow();
        tr.getElement().setAttribute("data-step", name);
        tr.addDataCell().setText(name);
        Span state = new Span();
        tr.addDataCell().add(state);
        ProgressBar bar = new ProgressBar(0, 1);
        bar.setId("step-progress-" + name);
        bar.setWidth("10rem");
        tr.addDataCell().add(bar);
        Span message = new Span();
        NativeTableCell cell = tr.addDataCell();
        cell.add(message);
        Span eta = new Span();
        eta.setId("step-eta-" + name);
        tr.addDataCell().add(eta);
        return new Row(state, bar, message, eta);
    }

    private static String theme(ExperimentRuns.StepState s) {
        return switch (s) {
            case SUCCEEDED -> "success";
            case FAILED -> "error";
            case RUNNING -> "";
            default -> "contrast";
        };
    }
}

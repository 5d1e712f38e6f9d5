/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.Notify;
import io.segsurv.experiment.Experiment;
import io.segsurv.experiment.ExperimentDashboards;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.experiment.ExperimentService;
import io.segsurv.experiment.report.RunResults;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Locale;

/**
 * One experiment: its runs (newest first) with, for the chosen run, the live status of its steps
 * while it runs (refreshed every {@value #POLL_MS} ms by a server-side timer and pushed to the browser) and its results once it
 * has finished (the dashboard PIs review, {@link ResultsPanel}). PIs and researchers also run,
 * cancel, resume, configure and clone the experiment.
 */
@Route("experiments/:experimentId([0-9]+)")
@PageTitle("Experiment | SegSurv")
@PermitAll
public class ExperimentView extends VerticalLayout implements BeforeEnterObserver {

    static final int POLL_MS = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ExperimentService experiments;
    private final ExperimentDashboards dashboards;
    private final ProjectService projects;

    private final Select<ExperimentRuns.Run> runSelect = new Select<>();
    private final Button launch = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume");
    private final Button configure = new Button("Configure");
    private final Button cloneButton = new Button("Clone and edit");
    private final VerticalLayout body = new VerticalLayout();
    private Experiment experiment;
    private boolean manage;
    private ExperimentRuns.Run selected;
    private RunStatusPanel status;
    private ScheduledExecutorService timer;

    ExperimentView(ExperimentService experiments, ExperimentDashboards dashboards, ProjectService projects) {
        this.experiments = experiments;
        this.dashboards = dashboards;
        this.projects = projects;
        setWidthFull();
        body.setPadding(false);
        body.setWidthFull();
        runSelect.setId("run-select");
        runSelect.setLabel("Run");
        runSelect.setItemLabelGenerator(r -> "Run " + r.id() + " · v" + r.version() + " · " + r.state().name().toLowerCase(Locale.ROOT)
                + " · " + TIME.format(r.createdAt()) + ("HEADLESS".equals(r.mode()) ? " · command line" : ""));
        runSelect.setWidth("28rem");
        runSelect.addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient()) {
                show(e.getValue());
            }
        });
        launch.setId("run-launch");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        launch.addClickListener(e -> act(() -> {
            ExperimentRuns.Run r = experiments.launch(experiment.id());
            Notify.success("Run " + r.id() + " queued");
            reloadRuns(r.id());
        }));
        cancel.setId("run-cancel");
        cancel.addClickListener(e -> act(() -> {
            int n = experiments.cancel(selected.id());
            Notify.success("Run " + selected.id() + " cancelled (" + n + " job(s))");
            reloadRuns(selected.id());
        }));
        resume.setId("run-resume");
        resume.addClickListener(e -> act(() -> {
            int n = experiments.resume(selected.id());
            Notify.success("Run " + selected.id() + " resumed (" + n + " step(s) queued again)");
            reloadRuns(selected.id());
        }));
        configure.setId("experiment-configure");
        configure.addClickListener(e -> UI.getCurrent().navigate(ExperimentConfigView.class,
                new RouteParameters("experimentId", String.valueOf(experiment.id()))));
        cloneButton.setId("experiment-clone");
        cloneButton.addClickListener(e -> cloneDialog());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("experimentId").orElseThrow(() -> new NotFoundException("Not an experiment id"));
        experiment = experiments.get(id);
        CurrentProject.set(experiment.projectId());
        Project project = projects.get(experiment.projectId());
        manage = project.myRole() != null && project.myRole().managesData();
        removeAll();
        H2 title = new H2(experiment.name() + " · v" + experiment.latestVersion());
        title.setId("experiment-title");
        add(title);
        if (!experiment.description().isBlank()) {
            Paragraph d = new Paragraph(experiment.description());
            d.setId("experiment-description");
            add(d);
        }
        HorizontalLayout actions = new HorizontalLayout(launch, cancel, resume, configure, cloneButton);
        actions.setVisible(manage);
        HorizontalLayout header = new HorizontalLayout(runSelect, actions);
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        add(header, body);
        Long wanted = event.getLocation().getQueryParameters().getSingleParameter("run").filter(s -> s.matches("\\d+"))
                .map(Long::parseLong).orElse(null);
        reloadRuns(wanted);
    }

    /** Re-reads the runs and shows the one with this id (or the newest). */
    private void reloadRuns(Long runId) {
        List<ExperimentRuns.Run> runs = experiments.runs(experiment.id());
        runSelect.setItems(runs);
        runSelect.setVisible(!runs.isEmpty());
        if (runs.isEmpty()) {
            selected = null;
            body.removeAll();
            body.add(new EmptyState("This experiment has not been run yet", manage
                    ? "Run queues its steps as jobs: the U-Nets are trained, features extracted, then each endpoint is cross-validated."
                    : "PIs and researchers run experiments; the results appear here."));
            updateButtons();
            updatePolling();
            return;
        }
        ExperimentRuns.Run run = runs.stream().filter(r -> runId != null && r.id() == runId).findFirst().orElse(runs.getFirst());
        runSelect.setValue(run);
        show(run);
    }

    private void show(ExperimentRuns.Run run) {
        selected = run;
        body.removeAll();
        status = null;
        if (run.hasResults()) {
            RunResults results = dashboards.results(run.id());
            body.add(new ResultsPanel(dashboards, run, results));
        } else {
            status = new RunStatusPanel();
            status.update(dashboards.status(run.id()));
            body.add(status);
            if (!run.state().finished()) {
                Paragraph wait = new Paragraph("The results appear here when the run has finished.");
                wait.setId("run-waiting");
                body.add(wait);
            }
        }
        updateButtons();
        updatePolling();
    }

    /** The poll: the selected run's progress; once it has results the dashboard replaces the status. */
    private void refresh() {
        if (selected == null || status == null) {
            return;
        }
        ExperimentDashboards.RunStatus s = dashboards.status(selected.id());
        selected = s.run();
        if (selected.hasResults() || selected.state().finished()) {
            reloadRuns(selected.id());
            return;
        }
        status.update(s);
        updateButtons();
    }

    private void updateButtons() {
        boolean running = selected != null && !selected.state().finished();
        boolean stopped = selected != null && (selected.state() == ExperimentRuns.StepState.FAILED
                || selected.state() == ExperimentRuns.StepState.CANCELLED);
        cancel.setEnabled(running);
        resume.setEnabled(stopped && "JOBS".equals(selected.mode()));
    }

    /** A server-side timer pushes the status while the selected run is unfinished (Vaadin Push), and stops after. */
    private void updatePolling() {
        boolean live = selected != null && !selected.state().finished();
        if (live && timer == null) {
            getUI().ifPresent(ui -> {
                timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("experiment-view-push").factory());
                timer.scheduleWithFixedDelay(() -> ui.access(this::refresh), POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
            });
        } else if (!live && timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    private void cloneDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Clone " + experiment.name());
        TextField name = new TextField("Name of the copy");
        name.setId("clone-name");
        name.setValue(experiment.name() + " (copy)");
        name.setWidthFull();
        Button create = new Button("Clone and configure", e -> act(() -> {
            Experiment copy = experiments.cloneExperiment(experiment.id(), name.getValue());
            dialog.close();
            UI.getCurrent().navigate(ExperimentConfigView.class, new RouteParameters("experimentId", String.valueOf(copy.id())));
        }));
        create.setId("clone-confirm");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }

    private static void act(Runnable action) {
        try {
            action.run();
        } catch (ValidationException | ForbiddenException | NotFoundException ex) {
            Notify.error(ex.getMessage());
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        updatePolling();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}

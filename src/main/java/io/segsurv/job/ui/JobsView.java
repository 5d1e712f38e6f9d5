/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.ui.chart.Chart;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.Notify;
import io.segsurv.job.Job;
import io.segsurv.job.JobCharts;
import io.segsurv.job.JobService;
import io.segsurv.job.JobState;
import io.segsurv.security.CurrentUser;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Queue, running, finished and failed jobs of the user's projects, pushed to the browser every two
 * seconds (Vaadin Push from a server-side timer): progress with an estimated time to completion,
 * the selected job's log and, while it trains a U-Net, its live training curves.
 */
@Route("jobs")
@PageTitle("Jobs | SegSurv")
@Menu(order = 4, title = "Jobs", icon = "vaadin:cogs")
@PermitAll
class JobsView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final JobService jobs;
    private final List<JobCharts> charts;
    private final Chart curves = new Chart("Training curves");
    private final Grid<Job> grid = new Grid<>(Job.class, false);
    private ScheduledExecutorService timer;
    private final Pre log = new Pre();
    private final Paragraph workers = new Paragraph();
    private final EmptyState empty = new EmptyState("No jobs",
            "Jobs appear here when an experiment, an import or a training runs: queued, running with live progress, finished or failed.");
    private List<JobState> filter = List.of();
    private Job selected;

    JobsView(JobService jobs, List<JobCharts> charts, CurrentUser currentUser) {
        this.jobs = jobs;
        this.charts = charts;
        setSizeFull();
        HorizontalLayout header = new HorizontalLayout(new H2("Jobs"));
        header.setAlignItems(Alignment.BASELINE);
        if (currentUser.isAdmin()) {
            Button verify = new Button("Verify file store", e -> act(() -> jobs.submit("filestore.verify", null, "{}")));
            verify.setTooltipText("Checks every stored imaging file against its SHA-256");
            verify.setId("verify-filestore");
            header.add(verify);
        }
        Tabs tabs = new Tabs(new Tab("All"), new Tab("Queued"), new Tab("Running"), new Tab("Finished"), new Tab("Failed"));
        tabs.addSelectedChangeListener(e -> {
            filter = switch (tabs.getSelectedIndex()) {
                case 1 -> List.of(JobState.QUEUED);
                case 2 -> List.of(JobState.RUNNING);
                case 3 -> List.of(JobState.SUCCEEDED, JobState.CANCELLED);
                case 4 -> List.of(JobState.FAILED);
                default -> List.of();
            };
            refresh();
        });
        configureGrid();
        log.addClassName("job-log");
        log.setVisible(false);
        curves.setId("job-training-curves");
        curves.setVisible(false);
        curves.setHeight("320px");
        add(header, workers, tabs, empty, grid, curves, log);
        refresh();
    }

    private void configureGrid() {
        grid.addColumn(Job::id).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(j -> jobs.title(j.kind())).setHeader("Job").setFlexGrow(2);
        grid.addColumn(j -> j.projectName() == null ? "(system)" : j.projectName()).setHeader("Project");
        grid.addColumn(j -> j.state().name()).setHeader("State");
        grid.addComponentColumn(j -> {
            ProgressBar bar = new ProgressBar(0, 1, j.progress());
            bar.setWidth("8rem");
            return bar;
        }).setHeader("Progress");
        grid.addColumn(JobsView::eta).setHeader("ETA").setAutoWidth(true);
        grid.addColumn(Job::message).setHeader("Status").setFlexGrow(3);
        grid.addColumn(j -> j.worker() == null ? "" : j.worker()).setHeader("Worker");
        grid.addColumn(j -> TIME.format(j.createdAt())).setHeader("Submitted");
        grid.addComponentColumn(this::actions).setHeader("");
        grid.setItems(q -> jobs.list(null, filter, q.getOffset(), q.getLimit()).stream(), q -> jobs.count(null, filter));
        grid.addItemClickListener(e -> {
            selected = e.getItem();
            showLog();
        });
        grid.setId("jobs-grid");
        grid.setMinHeight("16rem");
        grid.getStyle().set("flex-grow", "1");
    }

    private HorizontalLayout actions(Job job) {
        HorizontalLayout bar = new HorizontalLayout();
        if (!job.state().finished()) {
            Button cancel = new Button("Cancel", e -> act(() -> jobs.cancel(job.id())));
            cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            bar.add(cancel);
        } else if (job.state() != JobState.SUCCEEDED) {
            Button retry = new Button("Retry", e -> act(() -> jobs.retry(job.id())));
            retry.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            bar.add(retry);
        }
        return bar;
    }

    private void act(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (ValidationException | ForbiddenException e) {
            Notify.error(e.getMessage());
        }
    }

    /** Time left, extrapolated from the time the running attempt took for its progress so far. */
    static String eta(Job job) {
        if (job.state() != JobState.RUNNING || job.startedAt() == null || job.progress() < 0.01 || job.progress() >= 1) {
            return job.state() == JobState.RUNNING ? "estimating" : "";
        }
        double elapsed = java.time.Duration.between(job.startedAt(), java.time.OffsetDateTime.now()).toMillis() / 1000.0;
        long left = Math.round(elapsed * (1 - job.progress()) / job.progress());
        return left < 60 ? "< 1 min" : left < 3600 ? "~" + Math.round(left / 60.0) + " min"
                : String.format(java.util.Locale.ROOT, "~%.1f h", left / 3600.0);
    }

    private void showLog() {
        if (selected == null) {
            log.setVisible(false);
            curves.setVisible(false);
            return;
        }
        long id = selected.id();
        var chart = charts.stream().map(c -> c.chartOf(id)).flatMap(java.util.Optional::stream).findFirst();
        curves.setVisible(chart.isPresent());
        chart.ifPresent(curves::setOption);
        String text = jobs.logs(selected.id(), 0).stream()
                .map(l -> TIME.format(l.loggedAt()) + " " + l.level() + " " + l.message()).collect(Collectors.joining("\n"));
        log.setText("Log of job " + selected.id() + "\n" + (text.isEmpty() ? "(empty)" : text));
        log.setVisible(true);
    }

    private void refresh() {
        boolean none = jobs.count(null, List.of()) == 0;
        empty.setVisible(none);
        grid.setVisible(!none);
        grid.getDataProvider().refreshAll();
        List<String> active = jobs.activeWorkers();
        workers.setText(active.isEmpty() ? "No worker is running: queued jobs wait until one starts (`./segsurv worker`)."
                : "Workers: " + String.join(", ", active));
        if (selected != null) {
            showLog();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("jobs-view-push").factory());
        timer.scheduleWithFixedDelay(() -> ui.access(this::refresh), 2, 2, TimeUnit.SECONDS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

}

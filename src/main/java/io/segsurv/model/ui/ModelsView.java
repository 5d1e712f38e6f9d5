/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.segsurv.base.chart.TrainingCurves;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.chart.Chart;
import io.segsurv.cohort.CohortService;
import io.segsurv.model.ModelService;
import io.segsurv.model.SegmentationModels.Epoch;
import io.segsurv.model.SegmentationModels.FeatureSet;
import io.segsurv.model.SegmentationModels.Model;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.project.ui.NoProject;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Segmentation models of the current project: the list, and for the selected model its training
 * curves (refreshed every few seconds while it trains), the validation Dice per case of the last
 * epoch, its training/validation split and its feature sets. Every member reads; PIs and
 * researchers also train.
 */
@Route("models")
@PageTitle("Models | SegSurv")
@Menu(order = 2.5, title = "Models", icon = "vaadin:connect-o")
@PermitAll
class ModelsView extends VerticalLayout implements BeforeEnterObserver {

    static final int POLL_MS = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final ModelService models;
    private final ProjectService projects;
    private final CohortService cohorts;
    private final Grid<Model> grid = new Grid<>(Model.class, false);
    private final VerticalLayout detail = new VerticalLayout();
    private final Chart curves = new Chart("Training curves");
    private final Grid<Map.Entry<String, Double>> caseDice = new Grid<>();
    private final Paragraph epochSummary = new Paragraph();
    private final Paragraph split = new Paragraph();
    private final Grid<FeatureSet> featureSets = new Grid<>(FeatureSet.class, false);
    private Project project;
    private List<Model> listed = List.of();
    private Model selected;
    private Registration poll;

    ModelsView(ModelService models, ProjectService projects, CohortService cohorts) {
        this.models = models;
        this.projects = projects;
        this.cohorts = cohorts;
        setSizeFull();
        configureGrid();
        configureDetail();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        selected = null;
        listed = List.of();
        project = CurrentProject.resolve(projects).orElse(null);
        if (project == null) {
            add(new H2("Models"), NoProject.state("Models"));
            return;
        }
        boolean manage = project.myRole().managesData();
        HorizontalLayout header = new HorizontalLayout(new H2("Models of " + project.name()));
        header.setAlignItems(Alignment.BASELINE);
        if (manage) {
            Button train = new Button("Train a model", VaadinIcon.PLUS.create(),
                    e -> new TrainModelDialog(models, cohorts, project, this::refresh).open());
            train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            train.setId("train-model");
            header.add(train);
        }
        add(header);
        listed = models.list(project.id());
        if (listed.isEmpty()) {
            add(new EmptyState("No segmentation models yet", manage
                    ? "A model is a 3D U-Net trained on a cohort's CT or PET crops. Train one here or with `./segsurv train`; its bottleneck "
                    + "features then feed the experiments."
                    : "This project has no segmentation models yet. PIs and researchers train them; you will see their training curves here."));
            return;
        }
        grid.setItems(listed);
        detail.setVisible(false);
        add(grid, detail);
        grid.select(listed.getFirst());
    }

    private void configureGrid() {
        grid.addColumn(Model::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(Model::modality).setHeader("Modality").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Model::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> (m.epochs() == null ? "–" : m.epochs().toString()) + " / " + m.settings().epochs()).setHeader("Epochs");
        grid.addColumn(m -> number(m.bestValidationDice(), "%.3f")).setHeader("Best validation Dice");
        grid.addColumn(m -> number(m.secondsPerStep(), "%.2f")).setHeader("s/step");
        grid.addColumn(m -> TIME.format(m.createdAt())).setHeader("Created");
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::show));
        grid.setId("models-grid");
        grid.setAllRowsVisible(true);
    }

    private void configureDetail() {
        curves.setId("training-chart");
        curves.setWidthFull();
        curves.setHeight("22rem");
        Button png = new Button("PNG", VaadinIcon.DOWNLOAD.create(), e -> curves.exportPng(exportName()));
        png.setId("export-png");
        png.setTooltipText("Download the training curves as PNG");
        Button svg = new Button("SVG", VaadinIcon.DOWNLOAD.create(), e -> curves.exportSvg(exportName()));
        svg.setId("export-svg");
        svg.setTooltipText("Download the training curves as SVG");
        png.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        svg.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout exports = new HorizontalLayout(epochSummary, png, svg);
        exports.setAlignItems(Alignment.BASELINE);

        caseDice.addColumn(Map.Entry::getKey).setHeader("Validation case");
        caseDice.addColumn(e -> number(e.getValue(), "%.3f")).setHeader("Dice");
        caseDice.setId("case-dice-grid");
        caseDice.setAllRowsVisible(true);
        featureSets.addColumn(f -> "Cohort " + f.cohortId()).setHeader("Cohort");
        featureSets.addColumn(FeatureSet::patients).setHeader("Patients");
        featureSets.addColumn(FeatureSet::features).setHeader("Features");
        featureSets.addColumn(f -> f.sha256().substring(0, 12)).setHeader("SHA-256");
        featureSets.setId("feature-sets-grid");
        featureSets.setAllRowsVisible(true);
        split.setId("model-split");

        Div dice = new Div(new H4("Validation Dice per case (last epoch)"), caseDice);
        Div splitBox = new Div(new H4("Split"), split);
        FlexLayout lower = new FlexLayout(dice, splitBox);
        lower.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        lower.getStyle().set("gap", "var(--lumo-space-l)");
        dice.getStyle().set("flex", "1 1 20rem");
        splitBox.getStyle().set("flex", "1 1 20rem");
        detail.setId("model-detail");
        detail.setPadding(false);
        detail.add(new H3(), exports, curves, lower, new H4("Feature sets"), featureSets);
    }

    private void show(Model m) {
        selected = m;
        detail.setVisible(true);
        ((H3) detail.getComponentAt(0)).setText(m.name() + " (" + m.modality() + ", " + m.status() + ")");
        curves.setLabel("Training curves of model " + m.name() + ": loss, training Dice and validation Dice mean with SD band per epoch");
        List<Epoch> epochs = models.epochs(m.id());
        curves.setOption(TrainingCurves.of("Training of " + m.name(), epochs.stream()
                .map(e -> new TrainingCurves.Epoch(e.epoch(), e.trainLoss(), e.trainDice(), e.validationMean(), e.validationSd())).toList()));
        if (epochs.isEmpty()) {
            epochSummary.setText("No epoch has finished yet.");
            caseDice.setItems(List.of());
        } else {
            Epoch last = epochs.getLast();
            epochSummary.setText(String.format(Locale.ROOT, "Epoch %d: loss %.4f, validation Dice %.3f ± %.3f, %.1f s", last.epoch(),
                    last.trainLoss(), last.validationMean(), last.validationSd(), last.seconds()));
            caseDice.setItems(List.copyOf(last.validationDice().entrySet()));
        }
        Map<String, List<String>> s = models.split(m.id());
        List<String> train = s.getOrDefault("TRAIN", List.of());
        List<String> validation = s.getOrDefault("VALIDATION", List.of());
        split.setText(train.isEmpty() && validation.isEmpty() ? "The split is recorded when the training finishes."
                : "Training (" + train.size() + "): " + String.join(", ", train) + ". Validation (" + validation.size() + "): "
                + String.join(", ", validation) + ".");
        List<FeatureSet> sets = models.featureSets(m.id());
        featureSets.setItems(sets);
        featureSets.setVisible(!sets.isEmpty());
        updatePolling();
    }

    /** Re-reads the list and the selected model (the poll, and after a training was submitted). */
    private void refresh() {
        if (project == null) {
            return;
        }
        long keep = selected == null ? -1 : selected.id();
        listed = models.list(project.id());
        if (!grid.isAttached()) { // the empty state was showing: build the page again
            UI.getCurrent().refreshCurrentRoute(false);
            return;
        }
        grid.setItems(listed); // clears the selection
        listed.stream().filter(m -> m.id() == keep).findFirst().ifPresent(grid::select);
        updatePolling();
    }

    private void updatePolling() {
        getUI().ifPresent(ui -> {
            boolean training = listed.stream().anyMatch(m -> "TRAINING".equals(m.status()));
            ui.setPollInterval(training ? POLL_MS : -1);
        });
    }

    private String exportName() {
        return selected == null ? "training-curves" : "training-curves-" + selected.name();
    }

    private static String number(Double v, String format) {
        return v == null || !Double.isFinite(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        poll = event.getUI().addPollListener(e -> refresh());
        updatePolling();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
        }
        event.getUI().setPollInterval(-1);
    }
}

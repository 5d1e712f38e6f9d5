/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.experiment.Experiment;
import io.segsurv.experiment.ExperimentService;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.project.ui.NoProject;
import java.time.format.DateTimeFormatter;

/** Experiments of the current project. */
@Route("experiments")
@PageTitle("Experiments | SegSurv")
@Menu(order = 3, title = "Experiments", icon = "vaadin:flask")
@PermitAll
class ExperimentsView extends VerticalLayout implements BeforeEnterObserver {

    private final ExperimentService experiments;
    private final ProjectService projects;

    ExperimentsView(ExperimentService experiments, ProjectService projects) {
        this.experiments = experiments;
        this.projects = projects;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Project project = CurrentProject.resolve(projects).orElse(null);
        if (project == null) {
            add(new H2("Experiments"), NoProject.state("Experiments"));
            return;
        }
        boolean manage = project.myRole().managesData();
        Button create = new Button("New experiment", e -> getUI().ifPresent(ui -> ui.navigate(ExperimentConfigView.class,
                new RouteParameters("experimentId", "new"))));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manage);
        create.setId("new-experiment");
        Button compare = new Button("Compare", e -> getUI().ifPresent(ui -> ui.navigate("experiments/compare")));
        compare.setId("compare-experiments");
        HorizontalLayout header = new HorizontalLayout(new H2("Experiments of " + project.name()), create, compare);
        header.setAlignItems(Alignment.BASELINE);
        add(header);
        if (experiments.count(project.id()) == 0) {
            add(new EmptyState("No experiments yet", manage
                    ? "An experiment trains the CT and PET segmentation networks, selects bottleneck features by k-medoids and LASSO inside "
                    + "each cross-validation fold, and reports accuracy, sensitivity, specificity and AUC per endpoint."
                    : "This project has no experiments yet. PIs and researchers configure and run them; you will see their results here."));
            return;
        }
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        Grid<Experiment> grid = new Grid<>(Experiment.class, false);
        grid.addColumn(Experiment::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(e -> "v" + e.latestVersion() + (e.latestLocked() ? " (run)" : " (draft)")).setHeader("Version");
        grid.addColumn(e -> String.join(", ", e.config().endpoints())).setHeader("Endpoints");
        grid.addColumn(e -> String.join("+", e.config().modalities())).setHeader("Modalities");
        grid.addColumn(e -> e.config().folds() + "-fold x" + e.config().repeats()).setHeader("Cross-validation");
        grid.addColumn(e -> format.format(e.createdAt())).setHeader("Created");
        grid.addColumn(e -> experiments.runs(e.id()).stream().findFirst()
                .map(r -> "run " + r.id() + " (v" + r.version() + "): " + r.state().name().toLowerCase()).orElse("not run")).setHeader("Last run");
        grid.setItems(q -> experiments.list(project.id(), q.getOffset(), q.getLimit()).stream(), q -> experiments.count(project.id()));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("experiments/" + e.getItem().id())));
        grid.setId("experiments-grid");
        add(grid);
    }
}

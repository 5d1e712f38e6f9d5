/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.Notify;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.project.ui.NoProject;

/** Cohorts of the current project. */
@Route("cohorts")
@PageTitle("Cohorts | SegSurv")
@Menu(order = 2, title = "Cohorts", icon = "vaadin:group")
@PermitAll
class CohortsView extends VerticalLayout implements BeforeEnterObserver {

    private final CohortService cohorts;
    private final ProjectService projects;

    CohortsView(CohortService cohorts, ProjectService projects) {
        this.cohorts = cohorts;
        this.projects = projects;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Project project = CurrentProject.resolve(projects).orElse(null);
        if (project == null) {
            add(new H2("Cohorts"), NoProject.state("Cohorts"));
            return;
        }
        boolean manage = project.myRole().managesData();
        Button create = new Button("New cohort", e -> openCreateDialog(project));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manage);
        HorizontalLayout header = new HorizontalLayout(new H2("Cohorts of " + project.name()), create);
        header.setAlignItems(Alignment.BASELINE);
        add(header);
        if (cohorts.count(project.id()) == 0) {
            add(new EmptyState("No cohorts yet", manage
                    ? "A cohort holds patients with their PET/CT, contours and clinical data. Create one, then import DICOM and the clinical CSV into it."
                    : "This project has no cohorts yet. PIs and researchers create and fill them."));
            return;
        }
        Grid<Cohort> grid = new Grid<>(Cohort.class, false);
        grid.addColumn(Cohort::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(c -> c.kind() == Cohort.Kind.TRAINING ? "Training / cross-validation" : "External validation").setHeader("Use");
        grid.addColumn(Cohort::patientCount).setHeader("Patients");
        grid.addColumn(Cohort::description).setHeader("Description").setFlexGrow(3);
        grid.setItems(q -> cohorts.list(project.id(), q.getOffset(), q.getLimit()).stream(), q -> cohorts.count(project.id()));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("cohorts/" + e.getItem().id())));
        grid.setId("cohorts-grid");
        add(grid);
    }

    private void openCreateDialog(Project project) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New cohort in " + project.name());
        TextField name = new TextField("Name");
        name.setWidthFull();
        Select<Cohort.Kind> kind = new Select<>();
        kind.setLabel("Use");
        kind.setItems(Cohort.Kind.values());
        kind.setItemLabelGenerator(k -> k == Cohort.Kind.TRAINING ? "Training / cross-validation" : "External validation");
        kind.setValue(Cohort.Kind.TRAINING);
        TextArea description = new TextArea("Description");
        description.setWidthFull();
        dialog.add(new VerticalLayout(name, kind, description));
        Button save = new Button("Create", e -> {
            try {
                Cohort c = cohorts.create(project.id(), name.getValue(), description.getValue(), kind.getValue());
                dialog.close();
                Notify.success("Cohort '" + c.name() + "' created");
                getUI().ifPresent(ui -> ui.navigate("cohorts/" + c.id()));
            } catch (ValidationException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}

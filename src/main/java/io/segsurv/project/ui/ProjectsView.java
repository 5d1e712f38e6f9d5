/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.base.ui.Notify;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.security.CurrentUser;
import java.time.format.DateTimeFormatter;

/** The projects the user belongs to (all projects for administrators). */
@Route("projects")
@RouteAlias("")
@PageTitle("Projects | SegSurv")
@Menu(order = 1, title = "Projects", icon = "vaadin:folder-open")
@PermitAll
class ProjectsView extends VerticalLayout {

    private final ProjectService projects;
    private final Grid<Project> grid = new Grid<>(Project.class, false);

    ProjectsView(ProjectService projects, CurrentUser currentUser) {
        this.projects = projects;
        setSizeFull();
        boolean admin = currentUser.isAdmin();
        Button create = new Button("New project", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(admin);
        HorizontalLayout header = new HorizontalLayout(new H2("Projects"), create);
        header.setAlignItems(Alignment.BASELINE);
        add(header);

        if (projects.countVisible() == 0) {
            add(new EmptyState("No projects yet",
                    admin ? "A project is a team workspace holding cohorts, models and experiments. Create the first one and add its members."
                            : "You are not a member of any project yet. Ask an administrator or a project's PI to add you."));
            return;
        }
        configureGrid();
        add(grid);
    }

    private void configureGrid() {
        DateTimeFormatter date = DateTimeFormatter.ISO_LOCAL_DATE;
        grid.addColumn(Project::name).setHeader("Name").setFlexGrow(2).setSortable(false);
        grid.addColumn(Project::description).setHeader("Description").setFlexGrow(3);
        grid.addColumn(p -> p.myRole() == null ? "(admin, not a member)" : p.myRole().label()).setHeader("Your role");
        grid.addColumn(Project::memberCount).setHeader("Members");
        grid.addColumn(p -> date.format(p.createdAt())).setHeader("Created");
        grid.setItems(q -> projects.listVisible(q.getOffset(), q.getLimit()).stream(), q -> projects.countVisible());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("projects/" + e.getItem().id())));
        grid.setId("projects-grid");
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New project");
        TextField name = new TextField("Name");
        name.setRequired(true);
        name.setWidthFull();
        TextArea description = new TextArea("Description");
        description.setWidthFull();
        dialog.add(new VerticalLayout(name, description));
        Button save = new Button("Create", e -> {
            try {
                Project p = projects.create(name.getValue(), description.getValue());
                dialog.close();
                Notify.success("Project '" + p.name() + "' created");
                getUI().ifPresent(ui -> ui.navigate("projects/" + p.id()));
            } catch (ValidationException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.Notify;
import io.segsurv.project.Member;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.project.ProjectService;
import io.segsurv.security.CurrentUser;
import io.segsurv.user.User;
import io.segsurv.user.UserService;

/** One project: description and members; administrators and the project's PIs manage membership. */
@Route("projects/:projectId")
@PermitAll
public class ProjectView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProjectService projects;
    private final UserService users;
    private final CurrentUser currentUser;
    private final Grid<Member> members = new Grid<>(Member.class, false);
    private Project project;

    ProjectView(ProjectService projects, UserService users, CurrentUser currentUser) {
        this.projects = projects;
        this.users = users;
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("projectId")
                .orElseThrow(() -> new NotFoundException("Not a project id"));
        project = projects.get(id); // throws NotFoundException for non-members
        if (project.myRole() != null) {
            CurrentProject.set(id);
        }
        build();
    }

    @Override
    public String getPageTitle() {
        return (project == null ? "Project" : project.name()) + " | SegSurv";
    }

    private void build() {
        removeAll();
        add(new H2(project.name()));
        if (!project.description().isBlank()) {
            add(new Paragraph(project.description()));
        }
        add(new Paragraph(project.myRole() == null
                ? "You administer this project but are not a member: its cohorts, patients and experiments are visible to members only."
                : "Your role: " + project.myRole().label()));

        add(new H3("Members"));
        members.addColumn(Member::username).setHeader("Username");
        members.addColumn(Member::displayName).setHeader("Name");
        members.addColumn(m -> m.role().label()).setHeader("Role");
        boolean canManage = canManage();
        if (canManage) {
            members.addComponentColumn(m -> {
                Button remove = new Button("Remove", e -> {
                    try {
                        projects.removeMember(project.id(), m.userId());
                        refresh();
                    } catch (ValidationException | ForbiddenException ex) {
                        Notify.error(ex.getMessage());
                    }
                });
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setHeader("");
        }
        members.setAllRowsVisible(true);
        members.setId("members-grid");
        add(members);
        refresh();
        if (canManage) {
            add(addMemberForm());
        }
    }

    private boolean canManage() {
        return currentUser.isAdmin() || project.myRole() == ProjectRole.PI;
    }

    private HorizontalLayout addMemberForm() {
        ComboBox<User> user = new ComboBox<>("User");
        user.setItemLabelGenerator(u -> u.username() + " (" + u.displayName() + ")");
        user.setItems(q -> users.list(q.getOffset(), q.getLimit(), q.getFilter().orElse(null)).stream(),
                q -> users.count(q.getFilter().orElse(null)));
        user.setId("member-user");
        Select<ProjectRole> role = new Select<>();
        role.setLabel("Role");
        role.setItems(ProjectRole.values());
        role.setItemLabelGenerator(ProjectRole::label);
        role.setValue(ProjectRole.RESEARCHER);
        role.setId("member-role");
        Button add = new Button("Add or change member", e -> {
            if (user.getValue() == null) {
                user.setInvalid(true);
                user.setErrorMessage("Choose a user");
                return;
            }
            try {
                Member m = projects.setMember(project.id(), user.getValue().id(), role.getValue());
                Notify.success(m.username() + " is now " + m.role().label());
                user.clear();
                refresh();
            } catch (ValidationException | ForbiddenException ex) {
                Notify.error(ex.getMessage());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("member-add");
        HorizontalLayout form = new HorizontalLayout(user, role, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void refresh() {
        members.setItems(projects.members(project.id()));
    }
}

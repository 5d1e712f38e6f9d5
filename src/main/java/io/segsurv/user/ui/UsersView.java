/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.user.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.Notify;
import io.segsurv.user.User;
import io.segsurv.user.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;

/** Administration: accounts. Projects and their members are managed on the Projects pages. */
@Route("admin/users")
@PageTitle("Users | SegSurv")
@Menu(order = 10, title = "Admin", icon = "vaadin:user-star")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout {

    private final UserService users;
    private final Grid<User> grid = new Grid<>(User.class, false);
    private final TextField filter = new TextField();

    UsersView(UserService users) {
        this.users = users;
        setSizeFull();
        Button create = new Button("New user", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-user");
        filter.setPlaceholder("Filter by name");
        filter.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        HorizontalLayout header = new HorizontalLayout(new H2("Users"), filter, create);
        header.setAlignItems(Alignment.BASELINE);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        grid.addColumn(User::username).setHeader("Username");
        grid.addColumn(User::displayName).setHeader("Name");
        grid.addColumn(u -> u.admin() ? "Admin" : "").setHeader("Global role");
        grid.addColumn(u -> u.lastLoginAt() == null ? "never" : time.format(u.lastLoginAt())).setHeader("Last login");
        grid.addComponentColumn(u -> {
            Checkbox enabled = new Checkbox("Enabled", u.enabled());
            enabled.addValueChangeListener(e -> {
                users.setEnabled(u.id(), e.getValue());
                Notify.success(u.username() + (e.getValue() ? " enabled" : " disabled"));
            });
            return enabled;
        }).setHeader("Status");
        grid.addComponentColumn(u -> {
            Button reset = new Button("Set password", e -> openPasswordDialog(u));
            reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            return reset;
        });
        grid.setItems(q -> users.list(q.getOffset(), q.getLimit(), filter.getValue()).stream(), q -> users.count(filter.getValue()));
        grid.setId("users-grid");
        add(header, grid);
    }

    private void openPasswordDialog(User user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New password for " + user.username());
        PasswordField password = new PasswordField("New password");
        password.setHelperText("At least " + UserService.MIN_PASSWORD_LENGTH + " characters; tell the user to change it.");
        dialog.add(password);
        Button save = new Button("Set password", e -> {
            try {
                users.setPassword(user.id(), password.getValue());
                dialog.close();
                Notify.success("Password of " + user.username() + " changed");
            } catch (ValidationException ex) {
                password.setInvalid(true);
                password.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        TextField username = new TextField("Username");
        username.setId("new-user-username");
        TextField displayName = new TextField("Full name");
        displayName.setId("new-user-name");
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("At least " + UserService.MIN_PASSWORD_LENGTH + " characters; tell the user to change it.");
        password.setId("new-user-password");
        Checkbox admin = new Checkbox("Administrator");
        dialog.add(new VerticalLayout(username, displayName, password, admin));
        Button save = new Button("Create", e -> {
            try {
                User u = users.create(username.getValue(), displayName.getValue(), password.getValue(), admin.getValue());
                dialog.close();
                Notify.success("User " + u.username() + " created");
                grid.getDataProvider().refreshAll();
            } catch (ValidationException ex) {
                Notify.error(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("new-user-save");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}

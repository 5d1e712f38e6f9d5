/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.ui.Notify;
import io.segsurv.security.ApiToken;
import io.segsurv.security.ApiTokenService;
import io.segsurv.security.CurrentUser;
import io.segsurv.user.UserService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The user's own account: password and personal API tokens for the REST API. */
@Route("account")
@PageTitle("Account | SegSurv")
@PermitAll
class AccountView extends VerticalLayout {

    private final ApiTokenService tokens;
    private final long userId;
    private final Grid<ApiToken> grid = new Grid<>(ApiToken.class, false);
    private final TextField created = new TextField("Your new token (copy it now: it is shown only once)");

    AccountView(ApiTokenService tokens, UserService users, CurrentUser currentUser) {
        this.tokens = tokens;
        this.userId = currentUser.id();
        add(new H2("Account: " + currentUser.require().getUsername()));

        add(new H3("Password"));
        PasswordField password = new PasswordField("New password");
        PasswordField repeat = new PasswordField("Repeat");
        Button change = new Button("Change password", e -> {
            if (!password.getValue().equals(repeat.getValue())) {
                Notify.error("The two passwords differ");
                return;
            }
            try {
                users.setPassword(userId, password.getValue());
                password.clear();
                repeat.clear();
                Notify.success("Password changed");
            } catch (ValidationException ex) {
                Notify.error(ex.getMessage());
            }
        });
        HorizontalLayout pw = new HorizontalLayout(password, repeat, change);
        pw.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(pw);

        add(new H3("API tokens"), new Paragraph("Scripts call the REST API under /api/v1 with 'Authorization: Bearer <token>'. "
                + "A token acts with your permissions. The OpenAPI description is at /api/v1/openapi.json."));
        TextField name = new TextField("Token name");
        name.setId("token-name");
        Select<Integer> days = new Select<>();
        days.setLabel("Valid for");
        days.setItems(30, 90, 365, 0);
        days.setItemLabelGenerator(d -> d == 0 ? "No expiry" : d + " days");
        days.setValue(90);
        Button create = new Button("Create token", e -> {
            try {
                ApiTokenService.Created c = tokens.create(userId, name.getValue(), days.getValue() == 0 ? null : Duration.ofDays(days.getValue()));
                created.setValue(c.token());
                created.setVisible(true);
                name.clear();
                refresh();
            } catch (ValidationException ex) {
                Notify.error(ex.getMessage());
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("token-create");
        HorizontalLayout form = new HorizontalLayout(name, days, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        created.setReadOnly(true);
        created.setWidthFull();
        created.setVisible(false);
        created.setId("token-value");

        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        grid.addColumn(ApiToken::name).setHeader("Name");
        grid.addColumn(t -> t.prefix() + "…").setHeader("Token");
        grid.addColumn(t -> time.format(t.createdAt())).setHeader("Created");
        grid.addColumn(t -> t.expiresAt() == null ? "never" : time.format(t.expiresAt())).setHeader("Expires");
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : time.format(t.lastUsedAt())).setHeader("Last used");
        grid.addColumn(t -> t.revokedAt() != null ? "revoked" : t.active(OffsetDateTime.now()) ? "active" : "expired").setHeader("Status");
        grid.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", e -> {
                try {
                    tokens.revoke(userId, t.id());
                    refresh();
                } catch (NotFoundException ex) {
                    Notify.error(ex.getMessage());
                }
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            revoke.setEnabled(t.revokedAt() == null);
            return revoke;
        });
        grid.setAllRowsVisible(true);
        add(form, created, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.list(userId));
    }
}

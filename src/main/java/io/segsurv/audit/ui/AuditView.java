/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.audit.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.segsurv.audit.AuditEvent;
import io.segsurv.audit.AuditService;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;

/** The audit log: who did or saw what, and when. Administrators only. */
@Route("admin/audit")
@PageTitle("Audit log | SegSurv")
@Menu(order = 11, title = "Audit log", icon = "vaadin:records")
@RolesAllowed("ADMIN")
class AuditView extends VerticalLayout {

    AuditView(AuditService audit) {
        setSizeFull();
        TextField user = new TextField();
        user.setPlaceholder("User");
        TextField action = new TextField();
        action.setPlaceholder("Action, e.g. VIEW_PATIENT");
        Grid<AuditEvent> grid = new Grid<>(AuditEvent.class, false);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        grid.addColumn(e -> time.format(e.occurredAt())).setHeader("When");
        grid.addColumn(AuditEvent::username).setHeader("Who");
        grid.addColumn(AuditEvent::action).setHeader("What");
        grid.addColumn(e -> e.projectId() == null ? "" : String.valueOf(e.projectId())).setHeader("Project");
        grid.addColumn(e -> e.patientId() == null ? "" : String.valueOf(e.patientId())).setHeader("Patient");
        grid.addColumn(AuditEvent::target).setHeader("Target");
        grid.addColumn(AuditEvent::detail).setHeader("Detail");
        grid.addColumn(e -> e.remoteAddress() == null ? "" : e.remoteAddress()).setHeader("From");
        grid.setItems(q -> audit.list(filter(user, action), q.getOffset(), q.getLimit()).stream(), q -> audit.count(filter(user, action)));
        grid.setId("audit-grid");
        for (TextField f : new TextField[] {user, action}) {
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        }
        add(new HorizontalLayout(new H2("Audit log"), user, action), grid);
    }

    private static AuditService.Filter filter(TextField user, TextField action) {
        return new AuditService.Filter(user.getValue(), action.getValue().strip().toUpperCase(java.util.Locale.ROOT), null);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.segsurv.importer.PseudonymMapService;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;

/** Administrators only: which pseudonym stands for which original patient (every look is audited). */
@Route("admin/pseudonyms")
@PageTitle("Pseudonyms | SegSurv")
@Menu(order = 12, title = "Pseudonyms", icon = "vaadin:key")
@RolesAllowed("ADMIN")
class PseudonymMapView extends VerticalLayout {

    PseudonymMapView(PseudonymMapService map) {
        setSizeFull();
        TextField filter = new TextField();
        filter.setPlaceholder("Pseudonym or original ID");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        Grid<PseudonymMapService.Entry> grid = new Grid<>(PseudonymMapService.Entry.class, false);
        grid.addColumn(PseudonymMapService.Entry::project).setHeader("Project");
        grid.addColumn(PseudonymMapService.Entry::pseudonym).setHeader("Pseudonym");
        grid.addColumn(PseudonymMapService.Entry::originalPatientId).setHeader("Original patient ID");
        grid.addColumn(PseudonymMapService.Entry::originalPatientName).setHeader("Original name");
        grid.addColumn(PseudonymMapService.Entry::dateShiftDays).setHeader("Date shift (days)");
        grid.addColumn(e -> time.format(e.importedAt())).setHeader("Imported");
        grid.setItems(q -> map.list(filter.getValue(), q.getOffset(), q.getLimit()).stream(), q -> map.count(filter.getValue()));
        grid.setId("pseudonym-grid");
        filter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(new H2("Pseudonym map"), new Paragraph("Identities removed from imported DICOM. Visible to administrators only; "
                + "every look is written to the audit log."), filter, grid);
    }
}

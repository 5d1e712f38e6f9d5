/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ui.EmptyState;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.cohort.PatientService;
import io.segsurv.cohort.PatientSummary;
import io.segsurv.project.ui.CurrentProject;

/** One cohort: its patients (pseudonyms) with follow-up and outcome. */
@Route("cohorts/:cohortId")
@PageTitle("Cohort | SegSurv")
@PermitAll
public class CohortView extends VerticalLayout implements BeforeEnterObserver {

    private final CohortService cohorts;
    private final PatientService patients;
    private final io.segsurv.project.ProjectAccess access;

    CohortView(CohortService cohorts, PatientService patients, io.segsurv.project.ProjectAccess access) {
        this.cohorts = cohorts;
        this.patients = patients;
        this.access = access;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("cohortId").orElseThrow(() -> new NotFoundException("Not a cohort id"));
        Cohort cohort = cohorts.get(id);
        CurrentProject.set(cohort.projectId());
        removeAll();
        add(new H2(cohort.name()));
        if (!cohort.description().isBlank()) {
            add(new Paragraph(cohort.description()));
        }
        if (access.canManageData(cohort.projectId())) {
            com.vaadin.flow.component.html.Anchor importLink = new com.vaadin.flow.component.html.Anchor("cohorts/" + id + "/import",
                    "Import DICOM and clinical data");
            importLink.setId("import-link");
            add(importLink);
        }
        if (cohort.patientCount() == 0) {
            add(new EmptyState("No patients in this cohort",
                    "Patients arrive by importing DICOM PET/CT with RTSTRUCT contours and the clinical CSV into this cohort."));
            return;
        }
        Grid<PatientSummary> grid = new Grid<>(PatientSummary.class, false);
        grid.addColumn(PatientSummary::pseudonym).setHeader("Patient");
        grid.addColumn(p -> p.followUpDays() == null ? "" : p.followUpDays() + " d").setHeader("Follow-up");
        grid.addColumn(p -> p.vitalStatus() == null ? "" : p.vitalStatus()).setHeader("Vital status");
        grid.addColumn(p -> p.causeOfDeath() == null ? "" : p.causeOfDeath()).setHeader("Cause of death");
        grid.addColumn(p -> p.stage() == null ? "" : p.stage()).setHeader("Stage");
        grid.addColumn(PatientSummary::seriesCount).setHeader("Series");
        grid.setItems(q -> patients.list(id, q.getOffset(), q.getLimit()).stream(), q -> patients.count(id));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("patients/" + e.getItem().id())));
        grid.setId("patients-grid");
        add(grid);
    }
}

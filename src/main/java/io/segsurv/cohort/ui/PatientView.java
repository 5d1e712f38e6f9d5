/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.NotFoundException;
import io.segsurv.cohort.PatientDetail;
import io.segsurv.cohort.PatientService;
import io.segsurv.project.ui.CurrentProject;

/** One patient's page; opening it is recorded in the audit log by {@link PatientService#open}. */
@Route("patients/:patientId")
@PageTitle("Patient | SegSurv")
@PermitAll
public class PatientView extends VerticalLayout implements BeforeEnterObserver {

    private final PatientService patients;

    PatientView(PatientService patients) {
        this.patients = patients;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("patientId").orElseThrow(() -> new NotFoundException("Not a patient id"));
        PatientDetail p = patients.open(id);
        CurrentProject.set(p.projectId());
        removeAll();
        add(new H2("Patient " + p.pseudonym()));
        add(new Anchor(RouteConfiguration.forSessionScope().getUrl(CohortView.class, new RouteParameters("cohortId",
                String.valueOf(p.cohortId()))), "Cohort: " + p.cohortName()));
        add(new H3("Clinical record"));
        PatientDetail.Clinical c = p.clinical();
        if (c == null) {
            add(new Paragraph("No clinical record has been imported for this patient."));
        } else {
            add(new Paragraph("Follow-up: " + value(c.followUpDays(), " days") + " · Vital status: " + value(c.vitalStatus(), "")
                    + " · Cause of death: " + value(c.causeOfDeath(), "") + " · Stage: " + value(c.stage(), "")
                    + " · Histology: " + value(c.histology(), "") + " · Age: " + value(c.ageYears(), "") + " · Sex: " + value(c.sex(), "")));
            var endpoints = c.endpoints();
            Paragraph outcome = new Paragraph("Endpoints (1 = alive, 0 = dead at the horizon; missing = does not qualify): "
                    + (endpoints.isEmpty() ? "none qualify" : endpoints.toString().replace("{", "").replace("}", "")));
            outcome.setId("patient-endpoints");
            add(outcome);
        }
        add(new H3("Imaging series"));
        if (p.series().isEmpty()) {
            add(new Paragraph("No imaging has been imported for this patient."));
        } else {
            Grid<PatientDetail.Series> grid = new Grid<>(PatientDetail.Series.class, false);
            grid.addColumn(PatientDetail.Series::modality).setHeader("Modality");
            grid.addColumn(s -> s.studyDate() == null ? "" : s.studyDate().toString()).setHeader("Study date");
            grid.addColumn(PatientDetail.Series::description).setHeader("Description");
            grid.addColumn(PatientDetail.Series::instanceCount).setHeader("Instances");
            grid.setItems(p.series());
            grid.setAllRowsVisible(true);
            add(grid);
        }
    }

    private static String value(Object v, String unit) {
        return v == null ? "unknown" : v + unit;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort.api;

import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.cohort.PatientDetail;
import io.segsurv.cohort.PatientService;
import io.segsurv.cohort.PatientSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Cohorts and patients")
class CohortController {

    private final CohortService cohorts;
    private final PatientService patients;

    CohortController(CohortService cohorts, PatientService patients) {
        this.cohorts = cohorts;
        this.patients = patients;
    }

    @GetMapping("/projects/{projectId}/cohorts")
    @Operation(summary = "Cohorts of a project (members)")
    List<Cohort> list(@PathVariable long projectId, @RequestParam(defaultValue = "0") int offset,
                      @RequestParam(defaultValue = "100") int limit) {
        return cohorts.list(projectId, Math.max(0, offset), Math.clamp(limit, 1, 1000));
    }

    /** Body of POST /projects/{id}/cohorts. */
    record NewCohort(String name, String description, Cohort.Kind kind) {
    }

    @PostMapping("/projects/{projectId}/cohorts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a cohort (PI and RESEARCHER)")
    Cohort create(@PathVariable long projectId, @RequestBody NewCohort body) {
        return cohorts.create(projectId, body.name(), body.description(), body.kind());
    }

    @GetMapping("/cohorts/{cohortId}")
    Cohort get(@PathVariable long cohortId) {
        return cohorts.get(cohortId);
    }

    @GetMapping("/cohorts/{cohortId}/patients")
    @Operation(summary = "Patients of a cohort (pseudonyms and clinical summary)")
    List<PatientSummary> patients(@PathVariable long cohortId, @RequestParam(defaultValue = "0") int offset,
                                  @RequestParam(defaultValue = "100") int limit) {
        return patients.list(cohortId, Math.max(0, offset), Math.clamp(limit, 1, 1000));
    }

    @GetMapping("/patients/{patientId}")
    @Operation(summary = "One patient; the access is written to the audit log")
    PatientDetail patient(@PathVariable long patientId) {
        return patients.open(patientId);
    }
}

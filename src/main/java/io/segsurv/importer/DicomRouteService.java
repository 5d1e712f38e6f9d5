/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.DICOM_ROUTE;

import io.segsurv.audit.AuditService;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routes of the DICOM receiver: images sent to a called AE title go to one cohort, as XNAT and
 * Kaapana route by AE title. PIs and researchers of the project (and administrators) manage them.
 */
@Service
@Transactional
public class DicomRouteService {

    private static final Pattern AE = Pattern.compile("[A-Z0-9_\\-]{1,16}");
    private final DSLContext db;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final AuditService audit;

    public DicomRouteService(DSLContext db, ProjectAccess access, CurrentUser currentUser, AuditService audit) {
        this.db = db;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    public record Route(String aeTitle, long projectId, long cohortId, String cohortName) {
    }

    @Transactional(readOnly = true)
    public List<Route> list(long projectId) {
        access.requireMember(projectId);
        return db.select(DICOM_ROUTE.AE_TITLE, DICOM_ROUTE.PROJECT_ID, DICOM_ROUTE.COHORT_ID, COHORT.NAME).from(DICOM_ROUTE)
                .join(COHORT).on(COHORT.ID.eq(DICOM_ROUTE.COHORT_ID)).where(DICOM_ROUTE.PROJECT_ID.eq(projectId))
                .orderBy(DICOM_ROUTE.AE_TITLE).fetch(r -> new Route(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The cohort an AE title routes to; used by the receiver (no user). */
    @Transactional(readOnly = true)
    public Optional<Route> resolve(String aeTitle) {
        return db.select(DICOM_ROUTE.AE_TITLE, DICOM_ROUTE.PROJECT_ID, DICOM_ROUTE.COHORT_ID, COHORT.NAME).from(DICOM_ROUTE)
                .join(COHORT).on(COHORT.ID.eq(DICOM_ROUTE.COHORT_ID)).where(DICOM_ROUTE.AE_TITLE.eq(aeTitle))
                .fetchOptional(r -> new Route(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public Route set(String aeTitle, long cohortId) {
        String ae = aeTitle == null ? "" : aeTitle.strip().toUpperCase(java.util.Locale.ROOT);
        if (!AE.matcher(ae).matches()) {
            throw new ValidationException("AE title '" + aeTitle + "' is not valid: 1-16 letters, digits, '_' or '-'");
        }
        Long projectId = db.select(COHORT.PROJECT_ID).from(COHORT).where(COHORT.ID.eq(cohortId)).fetchOne(COHORT.PROJECT_ID);
        if (projectId == null) {
            throw new NotFoundException("Cohort " + cohortId + " does not exist");
        }
        access.requireManageData(projectId);
        var existing = db.selectFrom(DICOM_ROUTE).where(DICOM_ROUTE.AE_TITLE.eq(ae)).fetchOne();
        if (existing != null && existing.getProjectId() != projectId.longValue()) {
            throw new ValidationException("AE title " + ae + " is already used by another project");
        }
        if (existing != null) {
            db.update(DICOM_ROUTE).set(DICOM_ROUTE.COHORT_ID, cohortId).where(DICOM_ROUTE.AE_TITLE.eq(ae)).execute();
        } else {
            db.insertInto(DICOM_ROUTE).set(DICOM_ROUTE.AE_TITLE, ae).set(DICOM_ROUTE.PROJECT_ID, projectId).set(DICOM_ROUTE.COHORT_ID, cohortId)
                    .execute();
        }
        audit.record(currentUser.actor(), "DICOM_ROUTE_SET", projectId, null, ae, "cohort " + cohortId);
        return resolve(ae).orElseThrow();
    }

    public void remove(String aeTitle, long projectId) {
        access.requireManageData(projectId);
        if (db.deleteFrom(DICOM_ROUTE).where(DICOM_ROUTE.AE_TITLE.eq(aeTitle).and(DICOM_ROUTE.PROJECT_ID.eq(projectId))).execute() == 0) {
            throw new NotFoundException("No route " + aeTitle + " in this project");
        }
        audit.record(currentUser.actor(), "DICOM_ROUTE_REMOVED", projectId, null, aeTitle, "");
    }
}

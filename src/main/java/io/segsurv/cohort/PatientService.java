/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import static io.segsurv.db.generated.Tables.CLINICAL_RECORD;
import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.IMAGING_SERIES;
import static io.segsurv.db.generated.Tables.IMAGING_STUDY;
import static io.segsurv.db.generated.Tables.PATIENT;

import io.segsurv.audit.AuditService;
import io.segsurv.base.NotFoundException;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Patient lists and patient pages. Every opening of a patient is written to the audit log. */
@Service
@Transactional(readOnly = true)
public class PatientService {

    private final DSLContext db;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final AuditService audit;

    public PatientService(DSLContext db, ProjectAccess access, CurrentUser currentUser, AuditService audit) {
        this.db = db;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    public List<PatientSummary> list(long cohortId, int offset, int limit) {
        requireCohortMember(cohortId);
        Field<Integer> series = DSL.field(DSL.selectCount().from(IMAGING_SERIES).join(IMAGING_STUDY)
                .on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID)).where(IMAGING_STUDY.PATIENT_ID.eq(PATIENT.ID)));
        return db.select(PATIENT.ID, PATIENT.COHORT_ID, PATIENT.PSEUDONYM, CLINICAL_RECORD.FOLLOW_UP_DAYS,
                        CLINICAL_RECORD.VITAL_STATUS, CLINICAL_RECORD.CAUSE_OF_DEATH, CLINICAL_RECORD.STAGE, series)
                .from(PATIENT).leftJoin(CLINICAL_RECORD).on(CLINICAL_RECORD.PATIENT_ID.eq(PATIENT.ID))
                .where(PATIENT.COHORT_ID.eq(cohortId)).orderBy(PATIENT.PSEUDONYM).offset(offset).limit(limit)
                .fetch(r -> new PatientSummary(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }

    public int count(long cohortId) {
        requireCohortMember(cohortId);
        return db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(cohortId));
    }

    /** Opens a patient for viewing: checks membership and records the access (who, what, when). */
    @Transactional
    public PatientDetail open(long patientId) {
        var p = db.select(PATIENT.ID, PATIENT.PROJECT_ID, PATIENT.COHORT_ID, COHORT.NAME, PATIENT.PSEUDONYM)
                .from(PATIENT).join(COHORT).on(COHORT.ID.eq(PATIENT.COHORT_ID))
                .where(PATIENT.ID.eq(patientId)).fetchOne();
        if (p == null || access.role(p.value2()).isEmpty()) {
            throw new NotFoundException("Patient " + patientId + " does not exist or you are not a member of its project");
        }
        PatientDetail.Clinical clinical = db.selectFrom(CLINICAL_RECORD).where(CLINICAL_RECORD.PATIENT_ID.eq(patientId))
                .fetchOptional(c -> new PatientDetail.Clinical(c.getFollowUpDays(), c.getVitalStatus(), c.getCauseOfDeath(),
                        c.getStage(), c.getHistology(), c.getAgeYears(), c.getSex()))
                .orElse(null);
        List<PatientDetail.Series> series = db.select(IMAGING_SERIES.SERIES_INSTANCE_UID, IMAGING_SERIES.MODALITY,
                        IMAGING_STUDY.STUDY_DATE, IMAGING_SERIES.DESCRIPTION, IMAGING_SERIES.INSTANCE_COUNT)
                .from(IMAGING_SERIES).join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID))
                .where(IMAGING_STUDY.PATIENT_ID.eq(patientId)).orderBy(IMAGING_SERIES.MODALITY, IMAGING_SERIES.ID)
                .fetch(r -> new PatientDetail.Series(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        audit.record(currentUser.actor(), AuditService.VIEW_PATIENT, p.value2(), patientId, p.value5(), "");
        return new PatientDetail(p.value1(), p.value2(), p.value3(), p.value4(), p.value5(), clinical, series);
    }

    private void requireCohortMember(long cohortId) {
        access.requireCohortMember(cohortId);
    }
}

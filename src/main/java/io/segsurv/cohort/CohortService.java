/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PATIENT;

import io.segsurv.audit.AuditService;
import io.segsurv.base.ValidationException;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cohorts of a project: members see them, PIs and researchers create them. */
@Service
@Transactional
public class CohortService {

    private final DSLContext db;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final AuditService audit;

    public CohortService(DSLContext db, ProjectAccess access, CurrentUser currentUser, AuditService audit) {
        this.db = db;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Cohort> list(long projectId, int offset, int limit) {
        access.requireMember(projectId);
        return query(COHORT.PROJECT_ID.eq(projectId), offset, limit);
    }

    @Transactional(readOnly = true)
    public int count(long projectId) {
        access.requireMember(projectId);
        return db.fetchCount(COHORT, COHORT.PROJECT_ID.eq(projectId));
    }

    @Transactional(readOnly = true)
    public Cohort get(long cohortId) {
        access.requireCohortMember(cohortId);
        return query(COHORT.ID.eq(cohortId), 0, 1).getFirst();
    }

    public Cohort create(long projectId, String name, String description, Cohort.Kind kind) {
        access.requireManageData(projectId);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new ValidationException("Cohort name must have 1-200 characters");
        }
        if (db.fetchExists(COHORT, COHORT.PROJECT_ID.eq(projectId).and(COHORT.NAME.eq(n)))) {
            throw new ValidationException("This project already has a cohort named '" + n + "'");
        }
        long id = db.insertInto(COHORT)
                .set(COHORT.PROJECT_ID, projectId)
                .set(COHORT.NAME, n)
                .set(COHORT.DESCRIPTION, description == null ? "" : description.strip())
                .set(COHORT.KIND, (kind == null ? Cohort.Kind.TRAINING : kind).name())
                .set(COHORT.CREATED_BY, currentUser.id())
                .returning(COHORT.ID).fetchOne().getId();
        audit.record(currentUser.actor(), "COHORT_CREATED", projectId, null, n, "");
        return get(id);
    }

    private List<Cohort> query(Condition where, int offset, int limit) {
        Field<Integer> patients = DSL.field(DSL.selectCount().from(PATIENT).where(PATIENT.COHORT_ID.eq(COHORT.ID)));
        return db.select(COHORT.ID, COHORT.PROJECT_ID, COHORT.NAME, COHORT.DESCRIPTION, COHORT.KIND, patients, COHORT.CREATED_AT)
                .from(COHORT).where(where).orderBy(COHORT.NAME).offset(offset).limit(limit)
                .fetch(r -> new Cohort(r.value1(), r.value2(), r.value3(), r.value4(), Cohort.Kind.valueOf(r.value5()),
                        r.value6(), r.value7()));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.PSEUDONYM_MAP;

import io.segsurv.audit.AuditService;
import io.segsurv.base.ForbiddenException;
import io.segsurv.security.CurrentUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The original-to-pseudonym map, kept apart from the research data and shown to administrators
 * only; every look at it is audited.
 */
@Service
@Transactional
public class PseudonymMapService {

    public record Entry(String project, String pseudonym, String originalPatientId, String originalPatientName, int dateShiftDays,
                        OffsetDateTime importedAt) {
    }

    private final DSLContext db;
    private final CurrentUser currentUser;
    private final AuditService audit;

    public PseudonymMapService(DSLContext db, CurrentUser currentUser, AuditService audit) {
        this.db = db;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    public List<Entry> list(String filter, int offset, int limit) {
        requireAdmin();
        audit.record(currentUser.actor(), "VIEW_PSEUDONYM_MAP", null, null, filter == null ? "" : filter, "rows " + offset + "-" + (offset + limit));
        return db.select(PROJECT.NAME, PATIENT.PSEUDONYM, PSEUDONYM_MAP.ORIGINAL_PATIENT_ID, PSEUDONYM_MAP.ORIGINAL_PATIENT_NAME,
                        PSEUDONYM_MAP.DATE_SHIFT_DAYS, PSEUDONYM_MAP.CREATED_AT)
                .from(PSEUDONYM_MAP).join(PATIENT).on(PATIENT.ID.eq(PSEUDONYM_MAP.PATIENT_ID)).join(PROJECT).on(PROJECT.ID.eq(PSEUDONYM_MAP.PROJECT_ID))
                .where(condition(filter)).orderBy(PROJECT.NAME, PATIENT.PSEUDONYM).offset(offset).limit(limit)
                .fetch(r -> new Entry(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    public int count(String filter) {
        requireAdmin();
        return db.fetchCount(db.select(PSEUDONYM_MAP.ID).from(PSEUDONYM_MAP).join(PATIENT).on(PATIENT.ID.eq(PSEUDONYM_MAP.PATIENT_ID))
                .where(condition(filter)));
    }

    private static Condition condition(String filter) {
        if (filter == null || filter.isBlank()) {
            return DSL.trueCondition();
        }
        String f = filter.strip();
        return PATIENT.PSEUDONYM.containsIgnoreCase(f).or(PSEUDONYM_MAP.ORIGINAL_PATIENT_ID.containsIgnoreCase(f));
    }

    private void requireAdmin() {
        if (!currentUser.isAdmin()) {
            throw new ForbiddenException("Only administrators see the pseudonym map");
        }
    }
}

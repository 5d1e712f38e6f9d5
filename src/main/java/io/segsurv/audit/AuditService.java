/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.audit;

import static io.segsurv.db.generated.Tables.AUDIT_EVENT;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log: logins, administrative changes and every view of patient-level data.
 * An event joins the caller's transaction: it is stored exactly when the change it describes is.
 */
@Service
public class AuditService {

    public static final String LOGIN = "LOGIN";
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    public static final String VIEW_PATIENT = "VIEW_PATIENT";

    private final DSLContext db;

    public AuditService(DSLContext db) {
        this.db = db;
    }

    @Transactional
    public void record(Actor actor, String action, Long projectId, Long patientId, String target, String detail) {
        db.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.USER_ID, actor.userId())
                .set(AUDIT_EVENT.USERNAME, truncate(actor.username(), 64))
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.PROJECT_ID, projectId)
                .set(AUDIT_EVENT.PATIENT_ID, patientId)
                .set(AUDIT_EVENT.TARGET, truncate(target == null ? "" : target, 200))
                .set(AUDIT_EVENT.DETAIL, truncate(detail == null ? "" : detail, 2000))
                .set(AUDIT_EVENT.REMOTE_ADDRESS, actor.remoteAddress())
                .execute();
    }

    /** Filter of the audit list; null fields match everything. */
    public record Filter(String username, String action, Long patientId) {
        public static final Filter ALL = new Filter(null, null, null);

        Condition condition() {
            Condition c = DSL.trueCondition();
            if (username != null && !username.isBlank()) {
                c = c.and(AUDIT_EVENT.USERNAME.containsIgnoreCase(username.strip()));
            }
            if (action != null && !action.isBlank()) {
                c = c.and(AUDIT_EVENT.ACTION.eq(action));
            }
            if (patientId != null) {
                c = c.and(AUDIT_EVENT.PATIENT_ID.eq(patientId));
            }
            return c;
        }
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> list(Filter filter, int offset, int limit) {
        return db.selectFrom(AUDIT_EVENT).where(filter.condition())
                .orderBy(AUDIT_EVENT.ID.desc()).offset(offset).limit(limit)
                .fetch(r -> new AuditEvent(r.getId(), r.getOccurredAt(), r.getUserId(), r.getUsername(), r.getAction(),
                        r.getProjectId(), r.getPatientId(), r.getTarget(), r.getDetail(), r.getRemoteAddress()));
    }

    @Transactional(readOnly = true)
    public int count(Filter filter) {
        return db.fetchCount(AUDIT_EVENT, filter.condition());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}

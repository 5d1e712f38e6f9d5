/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import static io.segsurv.db.generated.Tables.APP_USER;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.PROJECT_MEMBER;

import io.segsurv.audit.AuditService;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.security.CurrentUser;
import io.segsurv.security.SegSurvPrincipal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and their members, with the rules of {@link ProjectAccess} applied to the current user. */
@Service
@Transactional
public class ProjectService {

    private final DSLContext db;
    private final CurrentUser currentUser;
    private final ProjectAccess access;
    private final AuditService audit;

    public ProjectService(DSLContext db, CurrentUser currentUser, ProjectAccess access, AuditService audit) {
        this.db = db;
        this.currentUser = currentUser;
        this.access = access;
        this.audit = audit;
    }

    /** Projects the current user can open: all for administrators, otherwise those they are a member of. */
    @Transactional(readOnly = true)
    public List<Project> listVisible(int offset, int limit) {
        SegSurvPrincipal me = currentUser.require();
        return query(me, visible(me), offset, limit);
    }

    private List<Project> query(SegSurvPrincipal me, Condition where, int offset, int limit) {
        Field<String> myRole = DSL.field(DSL.select(PROJECT_MEMBER.ROLE).from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.eq(PROJECT.ID).and(PROJECT_MEMBER.USER_ID.eq(me.id()))));
        Field<Integer> members = DSL.field(DSL.selectCount().from(PROJECT_MEMBER).where(PROJECT_MEMBER.PROJECT_ID.eq(PROJECT.ID)));
        return db.select(PROJECT.ID, PROJECT.NAME, PROJECT.DESCRIPTION, PROJECT.CREATED_AT, members, myRole)
                .from(PROJECT).where(where).orderBy(PROJECT.NAME).offset(offset).limit(limit)
                .fetch(r -> new Project(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6() == null ? null : ProjectRole.valueOf(r.value6())));
    }

    @Transactional(readOnly = true)
    public int countVisible() {
        return db.fetchCount(PROJECT, visible(currentUser.require()));
    }

    /** Projects in which the current user is a member (what the project switcher offers). */
    @Transactional(readOnly = true)
    public List<Project> listMine() {
        SegSurvPrincipal me = currentUser.require();
        return query(me, isMember(me), 0, Integer.MAX_VALUE);
    }

    @Transactional(readOnly = true)
    public Project get(long projectId) {
        access.requireOverview(projectId);
        return query(currentUser.require(), PROJECT.ID.eq(projectId), 0, 1).stream().findFirst()
                .orElseThrow(() -> ProjectAccess.notFound(projectId));
    }

    public Project create(String name, String description) {
        SegSurvPrincipal me = currentUser.require();
        if (!me.admin()) {
            throw new ForbiddenException("Only administrators create projects");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new ValidationException("Project name must have 1-200 characters");
        }
        if (db.fetchExists(PROJECT, PROJECT.NAME.eq(n))) {
            throw new ValidationException("A project named '" + n + "' already exists");
        }
        long id = db.insertInto(PROJECT)
                .set(PROJECT.NAME, n)
                .set(PROJECT.DESCRIPTION, description == null ? "" : description.strip())
                .set(PROJECT.CREATED_BY, me.id())
                .returning(PROJECT.ID).fetchOne().getId();
        audit.record(currentUser.actor(), "PROJECT_CREATED", id, null, n, "");
        return get(id);
    }

    @Transactional(readOnly = true)
    public List<Member> members(long projectId) {
        access.requireOverview(projectId);
        return db.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.DISPLAY_NAME, PROJECT_MEMBER.ROLE, PROJECT_MEMBER.ADDED_AT)
                .from(PROJECT_MEMBER).join(APP_USER).on(APP_USER.ID.eq(PROJECT_MEMBER.USER_ID))
                .where(PROJECT_MEMBER.PROJECT_ID.eq(projectId))
                .orderBy(PROJECT_MEMBER.ROLE, APP_USER.USERNAME)
                .fetch(ProjectService::toMember);
    }

    /** Adds a member or changes their role. */
    public Member setMember(long projectId, long userId, ProjectRole role) {
        access.requireManageMembers(projectId);
        if (role == null) {
            throw new ValidationException("A role is required: PI, RESEARCHER or CLINICIAN");
        }
        if (!db.fetchExists(APP_USER, APP_USER.ID.eq(userId))) {
            throw new NotFoundException("No user with id " + userId);
        }
        boolean exists = db.fetchExists(PROJECT_MEMBER, memberIs(projectId, userId));
        if (exists) {
            checkNotLastPi(projectId, userId, role);
            db.update(PROJECT_MEMBER).set(PROJECT_MEMBER.ROLE, role.name()).where(memberIs(projectId, userId)).execute();
        } else {
            db.insertInto(PROJECT_MEMBER).set(PROJECT_MEMBER.PROJECT_ID, projectId).set(PROJECT_MEMBER.USER_ID, userId)
                    .set(PROJECT_MEMBER.ROLE, role.name()).execute();
        }
        audit.record(currentUser.actor(), "MEMBER_SET", projectId, null, "user " + userId, role.name());
        return members(projectId).stream().filter(m -> m.userId() == userId).findFirst().orElseThrow();
    }

    public void removeMember(long projectId, long userId) {
        access.requireManageMembers(projectId);
        checkNotLastPi(projectId, userId, null);
        if (db.deleteFrom(PROJECT_MEMBER).where(memberIs(projectId, userId)).execute() == 0) {
            throw new NotFoundException("User " + userId + " is not a member of project " + projectId);
        }
        audit.record(currentUser.actor(), "MEMBER_REMOVED", projectId, null, "user " + userId, "");
    }

    /** A PI may not remove the project's last PI (an administrator may). */
    private void checkNotLastPi(long projectId, long userId, ProjectRole newRole) {
        if (currentUser.isAdmin() || newRole == ProjectRole.PI) {
            return;
        }
        boolean isPi = db.fetchExists(PROJECT_MEMBER, memberIs(projectId, userId).and(PROJECT_MEMBER.ROLE.eq("PI")));
        int pis = db.fetchCount(PROJECT_MEMBER, PROJECT_MEMBER.PROJECT_ID.eq(projectId).and(PROJECT_MEMBER.ROLE.eq("PI")));
        if (isPi && pis <= 1) {
            throw new ValidationException("A project needs at least one PI; ask an administrator to change the last PI");
        }
    }

    private static Condition memberIs(long projectId, long userId) {
        return PROJECT_MEMBER.PROJECT_ID.eq(projectId).and(PROJECT_MEMBER.USER_ID.eq(userId));
    }

    private static Condition visible(SegSurvPrincipal me) {
        return me.admin() ? DSL.trueCondition() : isMember(me);
    }

    private static Condition isMember(SegSurvPrincipal me) {
        return DSL.exists(DSL.selectOne().from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.eq(PROJECT.ID).and(PROJECT_MEMBER.USER_ID.eq(me.id()))));
    }

    private static Member toMember(Record r) {
        return new Member(r.get(APP_USER.ID), r.get(APP_USER.USERNAME), r.get(APP_USER.DISPLAY_NAME),
                ProjectRole.valueOf(r.get(PROJECT_MEMBER.ROLE)), r.get(PROJECT_MEMBER.ADDED_AT));
    }
}

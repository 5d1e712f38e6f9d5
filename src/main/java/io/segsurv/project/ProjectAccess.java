/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.PROJECT_MEMBER;

import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.security.CurrentUser;
import io.segsurv.security.SegSurvPrincipal;
import java.util.Arrays;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The project rules, in one place for the UI and the API:
 * <ul>
 *   <li>project data (cohorts, patients, experiments, jobs, results) is visible only to members;</li>
 *   <li>PI and RESEARCHER manage cohorts and experiments; CLINICIAN only views;</li>
 *   <li>an administrator sees every project's name and members and manages membership, but sees a
 *       project's data only as a member;</li>
 *   <li>a project a user may not see answers exactly like one that does not exist.</li>
 * </ul>
 */
@Component
@Transactional(readOnly = true)
public class ProjectAccess {

    private final DSLContext db;
    private final CurrentUser currentUser;

    public ProjectAccess(DSLContext db, CurrentUser currentUser) {
        this.db = db;
        this.currentUser = currentUser;
    }

    /** The current user's role in a project, if a member. */
    public Optional<ProjectRole> role(long projectId) {
        return role(currentUser.require().id(), projectId);
    }

    public Optional<ProjectRole> role(long userId, long projectId) {
        return db.select(PROJECT_MEMBER.ROLE).from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.PROJECT_ID.eq(projectId).and(PROJECT_MEMBER.USER_ID.eq(userId)))
                .fetchOptional(r -> ProjectRole.valueOf(r.value1()));
    }

    /** The project of a cohort, if the current user is a member of it; otherwise a 404 that names the cohort. */
    public long requireCohortMember(long cohortId) {
        Long projectId = db.select(COHORT.PROJECT_ID).from(COHORT).where(COHORT.ID.eq(cohortId)).fetchOne(COHORT.PROJECT_ID);
        if (projectId == null || role(projectId).isEmpty()) {
            throw new NotFoundException("Cohort " + cohortId + " does not exist or you are not a member of its project");
        }
        return projectId;
    }

    /** Name and members: members and administrators. */
    public void requireOverview(long projectId) {
        SegSurvPrincipal p = currentUser.require();
        if (p.admin() && db.fetchExists(PROJECT, PROJECT.ID.eq(projectId))) {
            return;
        }
        if (role(p.id(), projectId).isEmpty()) {
            throw notFound(projectId);
        }
    }

    /** Patient-level and experiment data: members only. Returns the member's role. */
    public ProjectRole requireMember(long projectId) {
        return role(projectId).orElseThrow(() -> notFound(projectId));
    }

    /** Members with one of the given roles; other members get a 403, non-members a 404. */
    public ProjectRole requireRole(long projectId, ProjectRole... allowed) {
        ProjectRole role = requireMember(projectId);
        if (Arrays.asList(allowed).contains(role)) {
            return role;
        }
        throw new ForbiddenException("Your role in this project (" + role.label() + ") does not allow this");
    }

    /** Cohorts and experiments: PI and RESEARCHER. */
    public ProjectRole requireManageData(long projectId) {
        return requireRole(projectId, ProjectRole.PI, ProjectRole.RESEARCHER);
    }

    /** Membership: administrators and the project's PIs. */
    public void requireManageMembers(long projectId) {
        SegSurvPrincipal p = currentUser.require();
        if (p.admin() && db.fetchExists(PROJECT, PROJECT.ID.eq(projectId))) {
            return;
        }
        requireRole(projectId, ProjectRole.PI);
    }

    public boolean canManageData(long projectId) {
        return role(projectId).map(ProjectRole::managesData).orElse(false);
    }

    static NotFoundException notFound(long projectId) {
        return new NotFoundException("Project " + projectId + " does not exist or you are not a member");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.testsupport;

import static io.segsurv.db.generated.Tables.CLINICAL_RECORD;
import static io.segsurv.db.generated.Tables.PATIENT;

import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.project.ProjectService;
import io.segsurv.security.CurrentUser;
import io.segsurv.security.SegSurvPrincipal;
import io.segsurv.user.User;
import io.segsurv.user.UserService;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Builds test data through the real services, acting as a given user. Names carry a random suffix
 * so that tests sharing one database never collide.
 */
@Component
public class Fixtures {

    private final UserService users;
    private final ProjectService projects;
    private final CohortService cohorts;
    private final DSLContext db;
    private final CurrentUser currentUser;

    public Fixtures(UserService users, ProjectService projects, CohortService cohorts, DSLContext db, CurrentUser currentUser) {
        this.users = users;
        this.projects = projects;
        this.cohorts = cohorts;
        this.db = db;
        this.currentUser = currentUser;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public User admin() {
        return users.findByUsername("admin").orElseThrow();
    }

    public User user(String prefix) {
        return users.create(unique(prefix), "Test " + prefix, TestSettings.PASSWORD, false);
    }

    /** Runs an action with the given account as the current user. */
    public <T> T as(User user, Supplier<T> action) {
        var holder = currentUser.strategy();
        var previous = holder.getContext().getAuthentication();
        SegSurvPrincipal p = new SegSurvPrincipal(user.id(), user.username(), user.displayName(), user.admin(), true, null);
        holder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
        try {
            return action.get();
        } finally {
            holder.getContext().setAuthentication(previous);
        }
    }

    public void as(User user, Runnable action) {
        as(user, () -> {
            action.run();
            return null;
        });
    }

    /** A project with the given members (user, role, user, role, ...), created by the admin. */
    public Project project(Object... membersAndRoles) {
        return as(admin(), () -> {
            Project p = projects.create(unique("project"), "test project");
            for (int i = 0; i < membersAndRoles.length; i += 2) {
                projects.setMember(p.id(), ((User) membersAndRoles[i]).id(), (ProjectRole) membersAndRoles[i + 1]);
            }
            return p;
        });
    }

    public Cohort cohort(User manager, Project project) {
        return as(manager, () -> cohorts.create(project.id(), unique("cohort"), "", Cohort.Kind.TRAINING));
    }

    /** Inserts a patient with a clinical record directly (imports arrive in a later issue). */
    public long patient(Cohort cohort, String pseudonym) {
        long id = db.insertInto(PATIENT).set(PATIENT.PROJECT_ID, cohort.projectId()).set(PATIENT.COHORT_ID, cohort.id())
                .set(PATIENT.PSEUDONYM, pseudonym).returning(PATIENT.ID).fetchOne().getId();
        db.insertInto(CLINICAL_RECORD).set(CLINICAL_RECORD.PATIENT_ID, id).set(CLINICAL_RECORD.FOLLOW_UP_DAYS, 800)
                .set(CLINICAL_RECORD.VITAL_STATUS, "DEAD").set(CLINICAL_RECORD.CAUSE_OF_DEATH, "DISEASE")
                .set(CLINICAL_RECORD.STAGE, "IIIa").execute();
        return id;
    }

    public List<Project> visibleTo(User user) {
        return as(user, () -> projects.listVisible(0, 1000));
    }
}

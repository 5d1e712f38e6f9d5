/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PROJECT;

import io.segsurv.base.ValidationException;
import org.jooq.DSLContext;

/** Projects and cohorts named on the command line, by name or id. */
final class Lookup {

    private Lookup() {
    }

    static long project(DSLContext db, String project) {
        Long id = db.select(PROJECT.ID).from(PROJECT).where(PROJECT.NAME.eq(project)).fetchOne(PROJECT.ID);
        if (id == null && project.matches("\\d+")) {
            id = db.select(PROJECT.ID).from(PROJECT).where(PROJECT.ID.eq(Long.parseLong(project))).fetchOne(PROJECT.ID);
        }
        if (id == null) {
            throw new ValidationException("No project named '" + project + "' (create it in the Admin pages first)");
        }
        return id;
    }

    /** The project, created (without members) when no project has that name. */
    static long projectOrCreate(DSLContext db, String project) {
        Long id = db.select(PROJECT.ID).from(PROJECT).where(PROJECT.NAME.eq(project)).fetchOne(PROJECT.ID);
        if (id == null && project.matches("\\d+")) {
            return project(db, project);
        }
        if (id == null) {
            id = db.insertInto(PROJECT).set(PROJECT.NAME, project).set(PROJECT.DESCRIPTION, "created by segsurv experiment run")
                    .returning(PROJECT.ID).fetchOne().getId();
            System.out.println("created project '" + project + "'");
        }
        return id;
    }

    /** An existing cohort of the project. */
    static long cohort(DSLContext db, long projectId, String cohort) {
        Long id = db.select(COHORT.ID).from(COHORT).where(COHORT.PROJECT_ID.eq(projectId).and(COHORT.NAME.eq(cohort))).fetchOne(COHORT.ID);
        if (id == null && cohort.matches("\\d+")) {
            id = db.select(COHORT.ID).from(COHORT).where(COHORT.PROJECT_ID.eq(projectId).and(COHORT.ID.eq(Long.parseLong(cohort))))
                    .fetchOne(COHORT.ID);
        }
        if (id == null) {
            throw new ValidationException("No cohort '" + cohort + "' in project " + projectId);
        }
        return id;
    }
}

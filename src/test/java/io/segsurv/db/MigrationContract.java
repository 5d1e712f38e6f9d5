/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.db;

import static io.segsurv.db.generated.Tables.APP_USER;
import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.PROJECT_MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.testsupport.Fixtures;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/** The migrations apply, and the schema enforces the constraints a real deployment relies on. */
abstract class MigrationContract {

    @Autowired
    Flyway flyway;
    @Autowired
    DSLContext db;
    @Autowired
    Fixtures fixtures;

    @Test
    void migrationsAreAppliedAndNothingIsPending() {
        assertThat(flyway.info().applied()).isNotEmpty();
        assertThat(flyway.info().pending()).isEmpty();
        Meta meta = db.meta();
        List<String> tables = meta.getTables().stream().map(Table::getName).map(String::toLowerCase).toList();
        assertThat(tables).contains("app_user", "project", "project_member", "cohort", "patient", "imaging_study",
                "imaging_series", "imaging_instance", "roi", "clinical_record", "trained_model", "experiment",
                "experiment_version", "job", "job_log", "result_fold", "result_prediction", "result_curve", "risk_map", "audit_event");
    }

    @Test
    void usernamesAreUnique() {
        String name = Fixtures.unique("dup");
        insertUser(name);
        assertThatThrownBy(() -> insertUser(name)).isInstanceOf(DataAccessException.class);
    }

    @Test
    void projectRolesAreRestrictedToTheThreeRoles() {
        long user = insertUser(Fixtures.unique("role"));
        long project = db.insertInto(PROJECT).set(PROJECT.NAME, Fixtures.unique("p")).returning(PROJECT.ID).fetchOne().getId();
        assertThatThrownBy(() -> db.insertInto(PROJECT_MEMBER).set(PROJECT_MEMBER.PROJECT_ID, project)
                .set(PROJECT_MEMBER.USER_ID, user).set(PROJECT_MEMBER.ROLE, "OWNER").execute())
                .isInstanceOf(DataAccessException.class);
        db.insertInto(PROJECT_MEMBER).set(PROJECT_MEMBER.PROJECT_ID, project).set(PROJECT_MEMBER.USER_ID, user)
                .set(PROJECT_MEMBER.ROLE, "CLINICIAN").execute();
    }

    @Test
    void foreignKeysRejectOrphansAndDeletingAProjectRemovesItsCohorts() {
        assertThatThrownBy(() -> db.insertInto(COHORT).set(COHORT.PROJECT_ID, -42L).set(COHORT.NAME, "orphan").execute())
                .isInstanceOf(DataAccessException.class);
        long project = db.insertInto(PROJECT).set(PROJECT.NAME, Fixtures.unique("p")).returning(PROJECT.ID).fetchOne().getId();
        db.insertInto(COHORT).set(COHORT.PROJECT_ID, project).set(COHORT.NAME, "c").execute();
        db.deleteFrom(PROJECT).where(PROJECT.ID.eq(project)).execute();
        assertThat(db.fetchCount(COHORT, COHORT.PROJECT_ID.eq(project))).isZero();
    }

    private long insertUser(String name) {
        return db.insertInto(APP_USER).set(APP_USER.USERNAME, name).set(APP_USER.DISPLAY_NAME, name)
                .set(APP_USER.PASSWORD_HASH, "x").returning(APP_USER.ID).fetchOne().getId();
    }
}

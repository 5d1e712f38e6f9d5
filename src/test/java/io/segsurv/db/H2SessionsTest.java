/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.db;

import static io.segsurv.db.generated.Tables.APP_USER;
import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.PROJECT_MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.assertj.core.util.Throwables;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database keeps enforcing its check constraints after the connection that created
 * them is gone. H2 2.4.240 evaluated an {@code IN (...)} check with the creating session, so once
 * the connection pool retired the connection Flyway had migrated with, every insert into
 * {@code project_member} or {@code cohort} failed with "Check constraint invalid" (h2database
 * issues 4292/4302, fixed in 2.5); this test failed on 2.4.240.
 */
class H2SessionsTest {

    /** The options of the application's default H2 URL (application.yml). */
    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

    @TempDir
    Path dir;

    @Test
    void checkConstraintsHoldOnAConnectionOpenedAfterTheMigratingOneClosed() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("db/segsurv") + OPTIONS;
        try (Connection keepsTheDatabaseOpen = DriverManager.getConnection(url, "sa", "")) {
            // Flyway migrates on connections of its own and closes them
            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

            try (Connection later = DriverManager.getConnection(url, "sa", "")) {
                DSLContext db = DSL.using(later, SQLDialect.H2);
                long user = db.insertInto(APP_USER).set(APP_USER.USERNAME, "u").set(APP_USER.DISPLAY_NAME, "U")
                        .set(APP_USER.PASSWORD_HASH, "x").returning(APP_USER.ID).fetchOne().getId();
                long project = db.insertInto(PROJECT).set(PROJECT.NAME, "p").returning(PROJECT.ID).fetchOne().getId();

                db.insertInto(PROJECT_MEMBER).set(PROJECT_MEMBER.PROJECT_ID, project).set(PROJECT_MEMBER.USER_ID, user)
                        .set(PROJECT_MEMBER.ROLE, "CLINICIAN").execute();
                db.insertInto(COHORT).set(COHORT.PROJECT_ID, project).set(COHORT.NAME, "c").execute();
                assertThat(db.fetchCount(PROJECT_MEMBER)).isEqualTo(1);
                assertThat(db.fetchCount(COHORT)).isEqualTo(1);

                // and a value outside the list is a violation of the constraint, not an error evaluating it
                Throwable bad = catchThrowable(() -> db.insertInto(COHORT).set(COHORT.PROJECT_ID, project)
                        .set(COHORT.NAME, "d").set(COHORT.KIND, "OTHER").execute());
                assertThat(bad).hasRootCauseInstanceOf(SQLException.class);
                SQLException cause = (SQLException) Throwables.getRootCause(bad);
                assertThat(cause.getErrorCode()).as(cause.getMessage()).isEqualTo(org.h2.api.ErrorCode.CHECK_CONSTRAINT_VIOLATED_1);
                assertThat(cause.getMessage()).contains("ck_cohort_kind");
            }
        }
    }
}

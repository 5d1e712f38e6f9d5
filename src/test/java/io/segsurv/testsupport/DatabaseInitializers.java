/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test context at a fresh H2 or PostgreSQL database and a fresh data directory. */
public final class DatabaseInitializers {

    private DatabaseInitializers() {
    }

    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path data = tempData();
            TestPropertyValues.of(
                    "spring.datasource.url=jdbc:h2:file:" + data.resolve("db/segsurv")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
                    "spring.datasource.username=sa",
                    "spring.datasource.password=",
                    "segsurv.data-dir=" + data).applyTo(context);
        }
    }

    public static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.datasource.url=" + PostgresDatabase.createDatabase("app"),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=",
                    "segsurv.data-dir=" + tempData()).applyTo(context);
        }
    }

    static Path tempData() {
        try {
            return Files.createTempDirectory("segsurv-test-data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL server the suite runs against: {@code ./segsurv test} starts a private one
 * and passes its URL as {@code -Dsegsurv.test.pg.url}. Each Spring context gets a fresh database.
 */
public final class PostgresDatabase {

    public static final String URL_PROPERTY = "segsurv.test.pg.url";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private PostgresDatabase() {
    }

    /** The admin URL, or a failure that says how to get one: PostgreSQL tests are never skipped silently. */
    public static String adminUrl() {
        String url = System.getProperty(URL_PROPERTY, "");
        if (url.isBlank()) {
            throw new IllegalStateException("No PostgreSQL server for the tests: run them with ./segsurv test, which starts one, "
                    + "or pass -D" + URL_PROPERTY + "=jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres");
        }
        return url;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createDatabase(String purpose) {
        String admin = adminUrl();
        String name = "segsurv_" + purpose + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " at " + admin + ": " + e.getMessage(), e);
        }
        int q = admin.indexOf('?');
        String base = q < 0 ? admin : admin.substring(0, q);
        String params = q < 0 ? "" : admin.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }
}

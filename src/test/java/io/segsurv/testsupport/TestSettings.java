/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.testsupport;

/** Constants shared by the test contexts. */
public final class TestSettings {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String ADMIN_PASSWORD_PROPERTY = "segsurv.admin-password=" + ADMIN_PASSWORD;
    public static final String PASSWORD = "member-password-1";

    private TestSettings() {
    }
}

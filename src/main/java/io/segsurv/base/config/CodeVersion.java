/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, stored with every result so that it can be reproduced. */
public final class CodeVersion {

    private static final String VERSION = load();

    private CodeVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/segsurv-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}

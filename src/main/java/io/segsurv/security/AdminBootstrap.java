/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.user.UserService;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On first start with an empty database, creates the account {@code admin} with the password from
 * SEGSURV_ADMIN_PASSWORD or a random one printed once to the console.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN_USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserService users;
    private final SegSurvProperties properties;

    AdminBootstrap(UserService users, SegSurvProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.isEmpty()) {
            return;
        }
        String configured = properties.adminPassword();
        boolean random = configured == null || configured.isBlank();
        String password = random ? randomPassword() : configured;
        users.create(ADMIN_USERNAME, "Administrator", password, true);
        if (random) {
            // printed once, on purpose: it is not stored anywhere in clear text
            System.out.println();
            System.out.println("================================================================");
            System.out.println(" SegSurv: created the administrator account");
            System.out.println("   username: " + ADMIN_USERNAME);
            System.out.println("   password: " + password);
            System.out.println(" This password is shown only now. Change it under 'Account'.");
            System.out.println("================================================================");
            System.out.println();
        } else {
            LOG.info("Created the administrator account '{}' with the password from SEGSURV_ADMIN_PASSWORD", ADMIN_USERNAME);
        }
    }

    static String randomPassword() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

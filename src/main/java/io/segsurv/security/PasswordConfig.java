/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, needed by web nodes and by the command line alike. */
@Configuration
class PasswordConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt, with the {id} prefix so that the algorithm can be changed later without a migration
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}

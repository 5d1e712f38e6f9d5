/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import io.segsurv.user.UserService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads accounts for form login from the database. */
@Component
class DatabaseUserDetailsService implements UserDetailsService {

    private final UserService users;

    DatabaseUserDetailsService(UserService users) {
        this.users = users;
    }

    @Override
    public SegSurvPrincipal loadUserByUsername(String username) {
        return users.credentials(username)
                .map(c -> new SegSurvPrincipal(c.user().id(), c.user().username(), c.user().displayName(),
                        c.user().admin(), c.user().enabled(), c.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }
}

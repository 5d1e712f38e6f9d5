/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.user;

import java.time.OffsetDateTime;

/** An account. The password hash never leaves {@link UserService}. */
public record User(long id, String username, String displayName, boolean admin, boolean enabled,
                   OffsetDateTime createdAt, OffsetDateTime lastLoginAt) {
}

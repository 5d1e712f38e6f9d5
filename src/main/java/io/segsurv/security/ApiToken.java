/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import java.time.OffsetDateTime;

/** A personal API token as listed to its owner; the secret itself is shown only once, at creation. */
public record ApiToken(long id, String name, String prefix, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                       OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

    public boolean active(OffsetDateTime now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}

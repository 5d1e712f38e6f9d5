/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.audit;

/** Who did something: the account (null for the system) and where the request came from. */
public record Actor(Long userId, String username, String remoteAddress) {

    public static final Actor SYSTEM = new Actor(null, "system", null);
}

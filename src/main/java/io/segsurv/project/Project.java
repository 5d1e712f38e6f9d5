/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import java.time.OffsetDateTime;

/**
 * A team workspace, as seen by the current user.
 *
 * @param myRole the current user's role, or null for an administrator who is not a member
 */
public record Project(long id, String name, String description, OffsetDateTime createdAt, int memberCount, ProjectRole myRole) {
}

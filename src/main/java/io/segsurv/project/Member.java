/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import java.time.OffsetDateTime;

public record Member(long userId, String username, String displayName, ProjectRole role, OffsetDateTime addedAt) {
}

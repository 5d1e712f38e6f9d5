/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import java.time.OffsetDateTime;

public record JobLogLine(long id, OffsetDateTime loggedAt, String level, String message) {
}

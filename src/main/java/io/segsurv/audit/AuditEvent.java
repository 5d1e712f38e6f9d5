/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.audit;

import java.time.OffsetDateTime;

public record AuditEvent(long id, OffsetDateTime occurredAt, Long userId, String username, String action,
                         Long projectId, Long patientId, String target, String detail, String remoteAddress) {
}

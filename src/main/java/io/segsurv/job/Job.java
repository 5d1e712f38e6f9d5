/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import java.time.OffsetDateTime;

public record Job(long id, Long projectId, String projectName, String kind, JobState state, double progress, String message,
                  boolean requiresGpu, String worker, int attempts, int maxAttempts, OffsetDateTime createdAt,
                  OffsetDateTime startedAt, OffsetDateTime heartbeatAt, OffsetDateTime finishedAt, String parameters) {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import java.time.OffsetDateTime;

/** An experiment with its latest configuration version. */
public record Experiment(long id, long projectId, String name, String description, OffsetDateTime createdAt,
                         int latestVersion, boolean latestLocked, ExperimentConfig config) {
}

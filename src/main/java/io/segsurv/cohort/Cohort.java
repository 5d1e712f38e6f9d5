/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import java.time.OffsetDateTime;

/** A set of patients of one project, used for training/cross-validation or as an external validation set. */
public record Cohort(long id, long projectId, String name, String description, Kind kind, int patientCount, OffsetDateTime createdAt) {

    public enum Kind { TRAINING, EXTERNAL }
}

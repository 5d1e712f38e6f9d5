/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

/** A patient row in a cohort list: pseudonym and the clinical facts the endpoints derive from. */
public record PatientSummary(long id, long cohortId, String pseudonym, Integer followUpDays, String vitalStatus,
                             String causeOfDeath, String stage, int seriesCount) {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import java.time.LocalDate;
import java.util.List;

/** Everything stored about one (pseudonymous) patient. */
public record PatientDetail(long id, long projectId, long cohortId, String cohortName, String pseudonym,
                            Clinical clinical, List<Series> series) {

    public record Clinical(Integer followUpDays, String vitalStatus, String causeOfDeath, String stage,
                           String histology, Double ageYears, String sex) {
    }

    public record Series(String seriesInstanceUid, String modality, LocalDate studyDate, String description, int instanceCount) {
    }
}

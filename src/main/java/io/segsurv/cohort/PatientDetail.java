/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import java.time.LocalDate;
import java.util.List;

/** Everything stored about one (pseudonymous) patient. */
public record PatientDetail(long id, long projectId, long cohortId, String cohortName, String pseudonym,
                            Clinical clinical, List<Series> series) {

    public record Clinical(Integer followUpDays, String vitalStatus, String causeOfDeath, String stage,
                           String histology, Double ageYears, String sex) {

        /** The binary endpoints (1 alive / 0 dead at the horizon); absent when the patient does not qualify. */
        @com.fasterxml.jackson.annotation.JsonProperty("endpoints")
        public java.util.Map<String, Integer> endpoints() {
            java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
            Boolean dead = vitalStatus == null ? null : "DEAD".equals(vitalStatus);
            for (Endpoint e : Endpoint.values()) {
                e.outcome(followUpDays, dead, causeOfDeath).ifPresent(v -> out.put(e.label(), v));
            }
            return out;
        }
    }

    public record Series(String seriesInstanceUid, String modality, LocalDate studyDate, String description, int instanceCount) {
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import java.util.Optional;

/**
 * The paper's binary endpoints (METHOD.md section 1; Baek et al. 2019, Eq. 3): 1 = alive at the
 * horizon, 0 = dead by then. A patient qualifies only when the outcome at the horizon is known:
 * censored before the horizon is excluded, and for disease-specific endpoints a death from another
 * cause (or of unknown cause) before the horizon is excluded too.
 */
public enum Endpoint {
    OS2("2OS", 2, false), OS5("5OS", 5, false), DS2("2DS", 2, true), DS5("5DS", 5, true);

    /** Days in a year, as survival times in days are converted in the paper's cohorts. */
    public static final double DAYS_PER_YEAR = 365.25;

    private final String label;
    private final int years;
    private final boolean diseaseSpecific;

    Endpoint(String label, int years, boolean diseaseSpecific) {
        this.label = label;
        this.years = years;
        this.diseaseSpecific = diseaseSpecific;
    }

    public String label() {
        return label;
    }

    /**
     * The event of this endpoint's survival analysis: death (OS) or death of the disease (DS; other
     * deaths are censored at the time of death). Null without follow-up data.
     */
    public Integer event(Boolean dead, String causeOfDeath) {
        if (dead == null) {
            return null;
        }
        return dead && (!diseaseSpecific || "DISEASE".equals(causeOfDeath)) ? 1 : 0;
    }

    public static Endpoint of(String label) {
        for (Endpoint e : values()) {
            if (e.label.equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown endpoint '" + label + "': use 2OS, 5OS, 2DS or 5DS");
    }

    /**
     * @param followUpDays  time to death or last follow-up
     * @param dead          whether the patient died (at followUpDays)
     * @param causeOfDeath  DISEASE, OTHER, UNKNOWN or null
     * @return 1 (alive at the horizon), 0 (dead by the horizon) or empty (not qualifying)
     */
    public Optional<Integer> outcome(Integer followUpDays, Boolean dead, String causeOfDeath) {
        if (followUpDays == null || dead == null) {
            return Optional.empty();
        }
        double horizon = years * DAYS_PER_YEAR;
        if (followUpDays >= horizon) {
            return Optional.of(1);
        }
        if (!dead) {
            return Optional.empty(); // censored before the horizon
        }
        if (!diseaseSpecific) {
            return Optional.of(0);
        }
        return "DISEASE".equals(causeOfDeath) ? Optional.of(0) : Optional.empty();
    }
}

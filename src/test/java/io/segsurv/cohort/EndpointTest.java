/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The eligibility rules of METHOD.md section 1, case by case (horizons 2 y = 730.5 d, 5 y = 1826.25 d). */
class EndpointTest {

    @ParameterizedTest(name = "{0}: {1} d, dead={2}, cause={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            // endpoint, days, dead, cause, expected (null = excluded)
            "2OS, 500, true, DISEASE, 0",     // died before 2 years
            "2OS, 500, true, OTHER, 0",       // any death counts for OS
            "2OS, 500, false, null, null",    // censored before the horizon: outcome unknown
            "2OS, 731, true, DISEASE, 1",     // died after the horizon: alive at 2 years
            "2OS, 731, false, null, 1",       // followed beyond the horizon
            "2OS, 730, true, DISEASE, 0",     // 730 < 730.5: within two years
            "5OS, 1500, false, null, null",
            "5OS, 1900, false, null, 1",
            "2DS, 500, true, DISEASE, 0",
            "2DS, 500, true, OTHER, null",    // death from another cause before the horizon: excluded
            "2DS, 500, true, UNKNOWN, null",  // cause unknown: excluded
            "2DS, 800, true, OTHER, 1",       // other-cause death after the horizon: alive at 2 years
            "5DS, 1000, true, DISEASE, 0",
            "5DS, 1000, false, null, null"})
    void outcomeAtTheHorizon(String endpoint, int days, boolean dead, String cause, Integer expected) {
        assertThat(Endpoint.of(endpoint).outcome(days, dead, cause)).isEqualTo(Optional.ofNullable(expected));
    }
}

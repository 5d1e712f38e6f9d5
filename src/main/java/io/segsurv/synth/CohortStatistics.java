/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Summary statistics of a synthetic cohort (used by the command, the tests and the documentation). */
public final class CohortStatistics {

    private CohortStatistics() {
    }

    /** Kaplan-Meier estimate of overall survival at the horizon. */
    public static double kaplanMeier(List<PatientTruth> cohort, double years) {
        double horizon = years * HazardModel.DAYS_PER_YEAR;
        PatientTruth[] sorted = cohort.toArray(new PatientTruth[0]);
        // deaths before censorings at the same time, as usual
        Arrays.sort(sorted, Comparator.comparingInt(PatientTruth::survivalDays)
                .thenComparing(t -> t.dead() ? 0 : 1));
        double s = 1;
        int atRisk = sorted.length;
        for (PatientTruth t : sorted) {
            if (t.survivalDays() > horizon) {
                break;
            }
            if (t.dead()) {
                s *= 1 - 1.0 / atRisk;
            }
            atRisk--;
        }
        return s;
    }

    public static long qualifyingOverall(List<PatientTruth> cohort, double years) {
        return cohort.stream().filter(t -> t.qualifiesOverall(years)).count();
    }

    public static long qualifyingDiseaseSpecific(List<PatientTruth> cohort, double years) {
        return cohort.stream().filter(t -> t.qualifiesDiseaseSpecific(years)).count();
    }

    /** Fraction alive at the horizon among the patients qualifying for the overall endpoint. */
    public static double aliveAmongQualifying(List<PatientTruth> cohort, double years) {
        long q = qualifyingOverall(cohort, years);
        long alive = cohort.stream().filter(t -> Integer.valueOf(1).equals(t.aliveAt(years))).count();
        return q == 0 ? Double.NaN : (double) alive / q;
    }

    /**
     * Harrell's concordance index of a risk score (higher = earlier death) with overall survival:
     * over usable pairs (the shorter time is a death), the fraction ordered correctly, ties 1/2.
     */
    public static double concordance(List<PatientTruth> cohort, double[] risk) {
        double concordant = 0;
        long usable = 0;
        int n = cohort.size();
        for (int i = 0; i < n; i++) {
            PatientTruth a = cohort.get(i);
            if (!a.dead()) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                PatientTruth b = cohort.get(j);
                if (b.survivalDays() > a.survivalDays() || (b.survivalDays() == a.survivalDays() && !b.dead())) {
                    usable++;
                    if (risk[i] > risk[j]) {
                        concordant += 1;
                    } else if (risk[i] == risk[j]) {
                        concordant += 0.5;
                    }
                }
            }
        }
        return usable == 0 ? Double.NaN : concordant / usable;
    }
}

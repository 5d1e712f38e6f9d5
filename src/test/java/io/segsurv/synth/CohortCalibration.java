/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints the survival statistics documented in docs/SYNTHETIC_COHORT.md ("Survival model",
 * "Measured"): 400 cohorts of 150 (seeds 1000-1399), 9,999 patients of seed 1, and Harrell's C of the
 * latent scores on 3,000 patients. Clinical level only (no images), about ten seconds.
 *
 * <p>{@code java -cp target/classes:target/test-classes io.segsurv.synth.CohortCalibration}
 */
public final class CohortCalibration {

    private CohortCalibration() {
    }

    public static void main(String[] args) {
        int cohorts = 400;
        double[] os2 = new double[cohorts];
        double[][] qualifying = new double[4][cohorts];
        double aliveShare = 0;
        for (int i = 0; i < cohorts; i++) {
            List<PatientTruth> c = cohort(150, 1000 + i);
            os2[i] = CohortStatistics.kaplanMeier(c, 2);
            qualifying[0][i] = CohortStatistics.qualifyingOverall(c, 2);
            qualifying[1][i] = CohortStatistics.qualifyingOverall(c, 5);
            qualifying[2][i] = CohortStatistics.qualifyingDiseaseSpecific(c, 2);
            qualifying[3][i] = CohortStatistics.qualifyingDiseaseSpecific(c, 5);
            aliveShare += CohortStatistics.aliveAmongQualifying(c, 2);
        }
        System.out.printf(Locale.ROOT, "400 cohorts of 150: 2-year OS mean %.3f, 95%% of cohorts %.3f-%.3f, range %.2f-%.2f%n",
                mean(os2), quantile(os2, 0.025), quantile(os2, 0.975), min(os2), max(os2));
        String[] names = {"2OS", "5OS", "2DS", "5DS"};
        for (int e = 0; e < 4; e++) {
            System.out.printf(Locale.ROOT, "  qualifying %s: mean %.1f (95%% %.0f-%.0f, range %.0f-%.0f)%n", names[e],
                    mean(qualifying[e]), quantile(qualifying[e], 0.025), quantile(qualifying[e], 0.975), min(qualifying[e]),
                    max(qualifying[e]));
        }
        System.out.printf(Locale.ROOT, "  alive at 2 years among the 2OS-qualifying: %.2f%n", aliveShare / cohorts);

        List<PatientTruth> many = cohort(9999, 1);
        long dead = many.stream().filter(PatientTruth::dead).count();
        long other = many.stream().filter(t -> t.dead() && !t.diseaseDeath()).count();
        double[] survivors = many.stream().filter(t -> !t.dead()).mapToDouble(PatientTruth::survivalDays).toArray();
        System.out.printf(Locale.ROOT,
                "9,999 patients: dead %.1f%%, other causes %.1f%% of deaths, median follow-up of survivors %.0f days, "
                        + "satellite %.1f%%, necrosis %.1f%%, vessel contact %.1f%%, surroundings mean %.3f sd %.3f (r with log volume %.2f)%n",
                100.0 * dead / many.size(), 100.0 * other / dead, quantile(survivors, 0.5),
                share(many, PatientTruth::satellite), share(many, PatientTruth::necrosis),
                share(many, PatientTruth::vesselContact), mean(many.stream().mapToDouble(PatientTruth::surroundings).toArray()),
                sd(many.stream().mapToDouble(PatientTruth::surroundings).toArray()),
                correlation(many.stream().mapToDouble(t -> Math.log(t.volumeCm3())).toArray(),
                        many.stream().mapToDouble(PatientTruth::surroundings).toArray()));

        List<PatientTruth> c = cohort(3000, 1);
        System.out.printf(Locale.ROOT,
                "Harrell's C with overall survival, 3,000 patients: structural %.3f, eta %.3f, surroundings %.3f, "
                        + "rest of the structure %.3f, nominal TLG %.3f, volume %.3f, uptake %.3f%n",
                cIndex(c, PatientTruth::structuralScore), cIndex(c, PatientTruth::linearPredictor),
                cIndex(c, PatientTruth::surroundings),
                cIndex(c, t -> t.structuralScore() - HazardModel.BETA_SURROUNDINGS * (t.surroundings()
                        - HazardModel.SURROUNDINGS_MEAN) / HazardModel.SURROUNDINGS_SD),
                cIndex(c, PatientTruth::nominalTlg), cIndex(c, PatientTruth::volumeCm3), cIndex(c, PatientTruth::uptakeSuv));
    }

    private static List<PatientTruth> cohort(int patients, long seed) {
        return SyntheticCohort.sampleClinical(new SyntheticCohort.Options(patients, seed, false, null));
    }

    private static double cIndex(List<PatientTruth> c, ToDoubleFunction<PatientTruth> risk) {
        return CohortStatistics.concordance(c, c.stream().mapToDouble(risk).toArray());
    }

    private static double share(List<PatientTruth> c, java.util.function.Predicate<PatientTruth> p) {
        return 100.0 * c.stream().filter(p).count() / c.size();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double quantile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinical level of the cohort, sampled without images: the statistics stated in
 * docs/SYNTHETIC_COHORT.md, and the design goal that where the tumour sits and its structure, not
 * TLG, drive survival.
 */
class SurvivalModelTest {

    private static List<PatientTruth> cohort(int patients, long seed) {
        return SyntheticCohort.sampleClinical(new SyntheticCohort.Options(patients, seed, false, null));
    }

    @Test
    void cohortsOf150MatchThePapersSizeAndTwoYearSurvival() {
        // documented: over 400 cohorts of 150, 2-year OS (Kaplan-Meier) 0.44-0.69, mean 0.552, and 78-116
        // patients qualifying for 2OS, mean 98.7 (the paper: 96)
        double osSum = 0;
        double qualifyingSum = 0;
        int cohorts = 20;
        for (long seed = 1; seed <= cohorts; seed++) {
            List<PatientTruth> c = cohort(150, seed);
            double os = CohortStatistics.kaplanMeier(c, 2);
            long qualifying = CohortStatistics.qualifyingOverall(c, 2);
            assertThat(os).as("seed %d", seed).isBetween(0.40, 0.70);
            assertThat(qualifying).as("seed %d", seed).isBetween(78L, 118L);
            osSum += os;
            qualifyingSum += qualifying;
        }
        assertThat(osSum / cohorts).isBetween(0.50, 0.58);
        assertThat(qualifyingSum / cohorts).isBetween(91.0, 102.0);
    }

    @Test
    void qualificationFollowsTheMethod() {
        for (PatientTruth t : cohort(300, 3)) {
            boolean censoredEarly = !t.dead() && t.survivalDays() < 2 * 365.25;
            assertThat(t.qualifiesOverall(2)).isEqualTo(!censoredEarly);
            if (t.dead() && !t.diseaseDeath() && t.survivalDays() < 2 * 365.25) {
                assertThat(t.qualifiesDiseaseSpecific(2)).isFalse();
            }
            assertThat(t.dead()).isEqualTo(!t.causeOfDeath().isEmpty());
            assertThat(t.linearPredictor()).isCloseTo(
                    t.structuralScore() - HazardModel.STRUCTURAL_MEAN + t.weakScore(),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void tlgIsAMuchWeakerPredictorThanTheTumoursStructure() {
        List<PatientTruth> c = cohort(2000, 11);
        double[] structure = c.stream().mapToDouble(PatientTruth::structuralScore).toArray();
        double[] tlg = c.stream().mapToDouble(PatientTruth::nominalTlg).toArray();
        double[] volume = c.stream().mapToDouble(PatientTruth::volumeCm3).toArray();
        double[] surroundings = c.stream().mapToDouble(PatientTruth::surroundings).toArray();
        double cStructure = CohortStatistics.concordance(c, structure);
        double cTlg = CohortStatistics.concordance(c, tlg);
        double cVolume = CohortStatistics.concordance(c, volume);
        // documented: C about 0.83 for the structural score and for the surroundings alone, about 0.52 for
        // TLG and volume
        assertThat(cStructure).isGreaterThan(0.72);
        assertThat(CohortStatistics.concordance(c, surroundings)).isGreaterThan(0.72);
        assertThat(cTlg).isBetween(0.45, 0.62);
        assertThat(cVolume).isBetween(0.45, 0.62);
        assertThat(cStructure - cTlg).isGreaterThan(0.12);
    }

    @Test
    void theClinicalLevelIsTheSameWhateverTheCohortSizeOrProfile() {
        List<PatientTruth> small = SyntheticCohort.sampleClinical(new SyntheticCohort.Options(5, 9, false, "small"));
        List<PatientTruth> large = SyntheticCohort.sampleClinical(new SyntheticCohort.Options(20, 9, false, "paper"));
        assertThat(small).extracting(CohortFiles::clinicalRow)
                .containsExactlyElementsOf(large.subList(0, 5).stream().map(CohortFiles::clinicalRow).toList());
        List<PatientTruth> external = SyntheticCohort.sampleClinical(new SyntheticCohort.Options(5, 9, true, null));
        assertThat(external).allSatisfy(t -> {
            assertThat(t.patientId()).startsWith("R01-");
            assertThat(t.causeOfDeath()).isEmpty();
        });
        assertThat(external.get(0).volumeCm3()).isNotEqualTo(small.get(0).volumeCm3());
    }

    @Test
    void attributesStayInTheirDocumentedRanges() {
        for (PatientTruth t : cohort(500, 21)) {
            assertThat(t.volumeCm3()).isBetween(4.99, 60.01);
            assertThat(t.uptakeSuv()).isBetween(4.0, 28.0);
            assertThat(t.spiculation()).isBetween(0.0, 1.0);
            assertThat(t.irregularity()).isBetween(0.0, 1.0);
            assertThat(t.surroundings()).isBetween(0.0, 0.95);
            if (t.satellite()) {
                double[] s = t.satelliteCentre();
                double[] c = t.centre();
                assertThat(Math.abs(s[0] - c[0])).isLessThanOrEqualTo(40.0);
                assertThat(Math.abs(s[1] - c[1])).isLessThanOrEqualTo(40.0);
                assertThat(Math.abs(s[2] - c[2])).isLessThanOrEqualTo(18.0);
            }
        }
    }

    @Test
    void optionsAreValidatedWithClearMessages(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new SyntheticCohort.Options(0, 1, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("patients must be between 1 and 9999, was 0");
        assertThatThrownBy(() -> new SyntheticCohort.Options(3, 1, false, "huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown profile 'huge' (expected one of: paper, small)");
        assertThat(new SyntheticCohort.Options(3, 1, false, null).profile()).isEqualTo("paper");
        assertThat(new SyntheticCohort.Options(3, 1, false, "SMALL").profile()).isEqualTo("small");
        Files.writeString(dir.resolve("old.txt"), "x");
        assertThatThrownBy(() -> SyntheticCohort.generate(new SyntheticCohort.Options(1, 1, false, "small"), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
    }
}

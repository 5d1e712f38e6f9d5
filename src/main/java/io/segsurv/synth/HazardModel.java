/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The survival model of the synthetic cohort (documented in docs/SYNTHETIC_COHORT.md).
 *
 * <p>Disease-specific death follows a Weibull proportional-hazards model,
 * {@code S_d(t) = exp(-(t/LAMBDA)^K * exp(eta))}, whose linear predictor eta is dominated by where the
 * tumour sits (the non-lung share of its surroundings, which a segmentation network's bottleneck
 * encodes) and by its structure; volume has an effect of its own that the placement largely hides
 * from TLG and volume as single predictors. Death from other causes competes with it (Weibull,
 * age-dependent); follow-up ends at the data cut-off (administrative censoring) or earlier by loss
 * to follow-up (exponential).
 */
final class HazardModel {

    /**
     * Per standard deviation of the non-lung share of the tumour's surroundings (mean
     * SURROUNDINGS_MEAN, sd SURROUNDINGS_SD over the cohort): tumours against the chest wall, the
     * mediastinum or the diaphragm do worse than tumours surrounded by lung.
     */
    static final double BETA_SURROUNDINGS = 2.0;
    static final double SURROUNDINGS_MEAN = 0.348;
    static final double SURROUNDINGS_SD = 0.142;
    static final double BETA_SPICULATION = 0.6;
    static final double BETA_IRREGULARITY = 0.4;
    static final double BETA_NECROSIS = 0.35;
    static final double BETA_VESSEL = 0.3;
    static final double BETA_SATELLITE = 0.4;
    /** Per standard deviation of log(volume) over the sampled range (log-uniform 5-60 cm3). */
    static final double BETA_LOG_VOLUME = 0.5;
    /** Per standard deviation of log(uptake) over the sampled range (log-uniform 4-28 SUV). */
    static final double BETA_LOG_UPTAKE = 0.10;
    /** Centring constant: about the cohort mean of the structural score. */
    static final double STRUCTURAL_MEAN = 0.95;

    static final double VOLUME_MIN_CM3 = 5;
    static final double VOLUME_MAX_CM3 = 60;
    static final double UPTAKE_MIN = 4;
    static final double UPTAKE_MAX = 28;

    /** Disease-specific Weibull scale (years) and shape. */
    static final double LAMBDA = 3.7;
    static final double K = 1.2;
    /** Other-cause Weibull scale (years) and shape, and log-hazard per year of age above 68. */
    static final double LAMBDA_OTHER = 6.0;
    static final double K_OTHER = 3.0;
    static final double AGE_EFFECT = 0.05;
    /** Loss to follow-up, events per year. */
    static final double LOSS_RATE = 0.26;
    /** Scans are dated uniformly in [ACCRUAL_START, ACCRUAL_END]; follow-up ends at CUTOFF. */
    static final LocalDate ACCRUAL_START = LocalDate.of(2006, 1, 1);
    static final LocalDate ACCRUAL_END = LocalDate.of(2013, 12, 31);
    static final LocalDate CUTOFF = LocalDate.of(2014, 12, 31);

    static final double DAYS_PER_YEAR = 365.25;

    private HazardModel() {
    }

    /** The part of the linear predictor the images show: the tumour's surroundings and its structure. */
    static double structuralScore(double surroundings, double spiculation, double irregularity, boolean necrosis,
            boolean vesselContact, boolean satellite) {
        return BETA_SURROUNDINGS * (surroundings - SURROUNDINGS_MEAN) / SURROUNDINGS_SD
                + BETA_SPICULATION * spiculation + BETA_IRREGULARITY * irregularity + BETA_NECROSIS * (necrosis ? 1 : 0)
                + BETA_VESSEL * (vesselContact ? 1 : 0) + BETA_SATELLITE * (satellite ? 1 : 0);
    }

    /** The volume and uptake part: standardised log volume and log uptake. */
    static double weakScore(double volumeCm3, double uptakeSuv) {
        return BETA_LOG_VOLUME * standardisedLog(volumeCm3, VOLUME_MIN_CM3, VOLUME_MAX_CM3)
                + BETA_LOG_UPTAKE * standardisedLog(uptakeSuv, UPTAKE_MIN, UPTAKE_MAX);
    }

    /** (log x - mean) / sd for x log-uniform on [lo, hi]. */
    static double standardisedLog(double x, double lo, double hi) {
        double a = Math.log(lo);
        double b = Math.log(hi);
        return (Math.log(x) - (a + b) / 2) / ((b - a) / Math.sqrt(12));
    }

    /** What happened to a patient: latent times (days) and the observed follow-up. */
    record Outcome(double diseaseDeathDays, double otherDeathDays, double censorDays, int survivalDays,
            boolean dead, boolean diseaseSpecific) {
    }

    static Outcome sample(Rng rng, double eta, double ageYears, LocalDate scanDate) {
        double tDisease = LAMBDA * StrictMath.pow(-StrictMath.log(1 - rng.uniform()) * StrictMath.exp(-eta), 1 / K);
        double otherEta = AGE_EFFECT * (ageYears - 68);
        double tOther = LAMBDA_OTHER
                * StrictMath.pow(-StrictMath.log(1 - rng.uniform()) * StrictMath.exp(-otherEta), 1 / K_OTHER);
        double admin = ChronoUnit.DAYS.between(scanDate, CUTOFF) / DAYS_PER_YEAR;
        double loss = rng.exponential(LOSS_RATE);
        double censor = Math.min(admin, loss);
        double death = Math.min(tDisease, tOther);
        boolean dead = death <= censor;
        double t = dead ? death : censor;
        int days = (int) Math.max(1, Math.round(t * DAYS_PER_YEAR));
        return new Outcome(tDisease * DAYS_PER_YEAR, tOther * DAYS_PER_YEAR, censor * DAYS_PER_YEAR, days, dead,
                dead && tDisease <= tOther);
    }
}

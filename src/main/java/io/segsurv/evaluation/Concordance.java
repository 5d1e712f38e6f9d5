/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/**
 * Harrell's concordance index of a risk score against censored survival, counted as R's
 * {@code survival::concordance(Surv(time, status) ~ risk, reverse = TRUE)} counts it (the default
 * {@code timewt = "n"}).
 *
 * <p>Reference: F. E. Harrell, R. M. Califf, D. B. Pryor, K. L. Lee, R. A. Rosati, "Evaluating the
 * yield of medical tests", JAMA 247:2543-2546, 1982; T. M. Therneau, E. Atkinson, "Concordance",
 * vignette of the R survival package.
 *
 * <p>A pair (i, j) is comparable when i has an event and j is known to outlive i: t_j &gt; t_i, or
 * t_j = t_i and j is censored (a subject censored at an event time is taken to outlive it). Higher
 * risk should mean earlier event: the pair is concordant when risk_i &gt; risk_j, discordant when
 * risk_i &lt; risk_j, tied in the predictor when equal. Two events at the same time are tied in time
 * and not comparable ({@code tiedTime}, or {@code tiedBoth} when the risks are equal too); other
 * pairs with equal times are not counted. C = (concordant + tiedRisk / 2) / (concordant + discordant
 * + tiedRisk). O(n^2) in time, O(1) extra memory.
 *
 * @param cIndex the concordance index
 * @param concordant concordant pairs
 * @param discordant discordant pairs
 * @param tiedRisk comparable pairs with equal risk
 * @param tiedTime pairs of events at the same time, risks differ
 * @param tiedBoth pairs of events at the same time with equal risk
 */
public record Concordance(double cIndex, long concordant, long discordant, long tiedRisk, long tiedTime,
        long tiedBoth) {

    /**
     * Computes the C-index.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 1 = event, 0 = censored
     * @param risk risk score, higher = earlier event expected (e.g. a Cox linear predictor or a
     *        predicted probability of death)
     */
    public static Concordance compute(double[] time, int[] status, double[] risk) {
        Checks.survival(time, status);
        Checks.finite(risk, "risk");
        Checks.sameLength("time", time.length, "risk", risk.length);
        long conc = 0;
        long disc = 0;
        long tiedX = 0;
        long tiedY = 0;
        long tiedXY = 0;
        int n = time.length;
        for (int i = 0; i < n; i++) {
            if (status[i] != 1) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                if (time[j] > time[i] || (time[j] == time[i] && status[j] == 0)) {
                    if (risk[i] > risk[j]) {
                        conc++;
                    } else if (risk[i] < risk[j]) {
                        disc++;
                    } else {
                        tiedX++;
                    }
                } else if (time[j] == time[i] && status[j] == 1 && j > i) {
                    if (risk[i] == risk[j]) {
                        tiedXY++;
                    } else {
                        tiedY++;
                    }
                }
            }
        }
        long comparable = conc + disc + tiedX;
        if (comparable == 0) {
            throw new IllegalArgumentException("no comparable pairs: the C-index needs an event followed by a longer"
                    + " follow-up");
        }
        return new Concordance((conc + tiedX / 2.0) / comparable, conc, disc, tiedX, tiedY, tiedXY);
    }
}

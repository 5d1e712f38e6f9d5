/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurvivalTest {
    private static final Reference.Table DATA = Reference.table("surv_data.csv");
    private static final double[] TIME = DATA.numbers("time");
    private static final int[] STATUS = DATA.ints("status");
    private static final int[] GROUP = DATA.ints("group");

    private static double[][] covariates() {
        double[] x1 = DATA.numbers("x1");
        double[] x2 = DATA.numbers("x2");
        double[] x3 = DATA.numbers("x3");
        double[][] x = new double[x1.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {x1[i], x2[i], x3[i]};
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"km_log.csv, LOG", "km_loglog.csv, LOG_LOG", "km_plain.csv, PLAIN"})
    void kaplanMeierMatchesSurvfit(String file, KaplanMeier.ConfidenceType type) {
        Reference.Table ref = Reference.table(file);
        for (String curve : new String[] {"all", "group1", "group2", "group3"}) {
            KaplanMeier km;
            if (curve.equals("all")) {
                km = KaplanMeier.fit(TIME, STATUS, new KaplanMeier.Options(type, 0.95));
            } else {
                int g = curve.charAt(5) - '0';
                int[] idx = java.util.stream.IntStream.range(0, TIME.length).filter(i -> GROUP[i] == g).toArray();
                km = KaplanMeier.fit(Arrays.stream(idx).mapToDouble(i -> TIME[i]).toArray(),
                        Arrays.stream(idx).map(i -> STATUS[i]).toArray(), new KaplanMeier.Options(type, 0.95));
            }
            Reference.Table r = ref.where("curve", curve);
            double[] t = r.numbers("time");
            int[] atRisk = r.ints("n.risk");
            int[] events = r.ints("n.event");
            double[] surv = r.numbers("surv");
            double[] seSurv = r.numbers("std.err.surv");
            double[] seHaz = r.numbers("std.err.cumhaz");
            double[] lower = r.numbers("lower");
            double[] upper = r.numbers("upper");
            assertThat(km.steps()).as(curve).hasSize(t.length);
            for (int i = 0; i < t.length; i++) {
                KaplanMeier.Step s = km.steps().get(i);
                String at = curve + " t=" + t[i];
                assertThat(s.time()).as(at).isEqualTo(t[i]);
                assertThat(s.atRisk()).as(at).isEqualTo(atRisk[i]);
                assertThat(s.events()).as(at).isEqualTo(events[i]);
                // survival 3.5.3 summary(survfit(..., conf.type), censored = TRUE), km_*.csv; 1e-10 (observed 2e-16)
                assertThat(s.survival()).as(at).isCloseTo(surv[i], within(1e-10));
                assertThat(s.seSurvival()).as(at).isCloseTo(seSurv[i], within(1e-10));
                assertThat(s.seCumulativeHazard()).as(at).isCloseTo(seHaz[i], within(1e-10));
                assertClose(s.lower(), lower[i], at + " lower");
                assertClose(s.upper(), upper[i], at + " upper");
            }
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(1e-10));
        }
    }

    @Test
    void kaplanMeierByHand() {
        // times 1, 2+, 3, 3, 4+: S(1) = 4/5, S(3) = 4/5 * (1 - 2/3) = 4/15; Greenwood at 3: 1/(5*4) + 2/(3*1)
        KaplanMeier km = KaplanMeier.fit(new double[] {3, 1, 4, 2, 3}, new int[] {1, 1, 0, 0, 1});
        assertThat(km.steps()).extracting(KaplanMeier.Step::time).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(km.survivalAt(3.5)).isCloseTo(4.0 / 15, within(1e-15));
        assertThat(km.survivalAt(0.5)).isEqualTo(1.0);
        assertThat(km.steps().get(2).seCumulativeHazard()).isCloseTo(Math.sqrt(1.0 / 20 + 2.0 / 3), within(1e-15));
        assertThat(km.steps().get(2).atRisk()).isEqualTo(3);
    }

    @Test
    void kaplanMeierReachingZeroHasUndefinedIntervals() {
        // last subject dies: S = 0, Greenwood term d / (n (n - d)) undefined; survfit reports NA limits
        KaplanMeier km = KaplanMeier.fit(new double[] {1, 2, 3}, new int[] {1, 0, 1});
        KaplanMeier.Step last = km.steps().get(2);
        assertThat(last.survival()).isZero();
        assertThat(last.lower()).isNaN();
        assertThat(last.upper()).isNaN();
        assertThat(km.steps().get(0).survival()).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void logRankByHandForTwoGroups() {
        // group A dies at 1, 2; group B at 3, 4 (no ties). Times 1..4 with n = 4, 3, 2, 1 at risk:
        // E_A = 2/4 + 1/3 = 5/6, O_A = 2; V = (1*3/3)(2/4)(2/4) + (1*2/2)(1/3)(2/3) = 1/4 + 2/9 = 17/36
        LogRank lr = LogRank.compute(new double[] {1, 2, 3, 4}, new int[] {1, 1, 1, 1}, new int[] {0, 0, 1, 1});
        double u = 2 - 5.0 / 6;
        assertThat(lr.chiSquare()).isCloseTo(u * u / (17.0 / 36), within(1e-14));
        assertThat(lr.groupLabels()).containsExactly(0, 1);
    }

    @Test
    void logRankMatchesSurvdiff() {
        LogRank three = LogRank.compute(TIME, STATUS, GROUP);
        // survival 3.5.3 survdiff(Surv(time, status) ~ group), reference.csv; 1e-12 (brief asks 1e-8; observed 5e-15)
        assertThat(three.chiSquare()).isCloseTo(Reference.value("logrank3.chisq"), within(1e-12));
        assertThat(three.degreesOfFreedom()).isEqualTo(2);
        assertThat(three.pValue()).isCloseTo(Reference.value("logrank3.p"), within(1e-12));
        for (int g = 0; g < 3; g++) {
            assertThat(three.observed()[g]).isEqualTo(Reference.value("logrank3.observed." + (g + 1)));
            assertThat(three.expected()[g]).isCloseTo(Reference.value("logrank3.expected." + (g + 1)), within(1e-10));
        }
        int[] idx = java.util.stream.IntStream.range(0, TIME.length).filter(i -> GROUP[i] != 3).toArray();
        LogRank two = LogRank.compute(Arrays.stream(idx).mapToDouble(i -> TIME[i]).toArray(),
                Arrays.stream(idx).map(i -> STATUS[i]).toArray(), Arrays.stream(idx).map(i -> GROUP[i]).toArray());
        // survival 3.5.3 survdiff(..., subset = group != 3), reference.csv; 1e-10
        assertThat(two.chiSquare()).isCloseTo(Reference.value("logrank2.chisq"), within(1e-10));
        assertThat(two.pValue()).isCloseTo(Reference.value("logrank2.p"), within(1e-10));
    }

    @Test
    void coxEfronMatchesCoxph() {
        CoxPh fit = CoxPh.fit(covariates(), TIME, STATUS);
        assertThat(fit.converged()).isTrue();
        double[] se = fit.standardErrors();
        double[] z = fit.z();
        double[] p = fit.pValues();
        for (int j = 0; j < 3; j++) {
            int k = j + 1;
            // survival 3.5.3 coxph(ties = "efron", eps = 1e-11); ours stops at survival's default eps 1e-9 (4 Newton
            // steps, quadratic convergence); brief asks 1e-6, we assert 1e-10 (observed 4e-16)
            assertThat(fit.coefficients()[j]).isCloseTo(Reference.value("cox.coef." + k), within(1e-10));
            assertThat(se[j]).isCloseTo(Reference.value("cox.se." + k), within(1e-10));
            assertThat(z[j]).isCloseTo(Reference.value("cox.z." + k), within(1e-10));
            assertThat(p[j]).isCloseTo(Reference.value("cox.p." + k), within(1e-10));
        }
        // survival 3.5.3 fit$loglik; 1e-10 (observed 3e-13 on |loglik| ~ 385)
        assertThat(fit.logLikelihoodNull()).isCloseTo(Reference.value("cox.loglik0"), within(1e-10));
        assertThat(fit.logLikelihood()).isCloseTo(Reference.value("cox.loglik"), within(1e-10));
        assertThat(fit.likelihoodRatioPValue()).isCloseTo(Reference.value("cox.lrt.p"), within(1e-10));

        CoxPh tight = CoxPh.fit(covariates(), TIME, STATUS, new CoxPh.Options(CoxPh.Ties.EFRON, 1e-14, 50));
        for (int j = 0; j < 3; j++) {
            // same fit iterated further: agrees with R's eps = 1e-11 fit to 1e-9
            assertThat(tight.coefficients()[j]).isCloseTo(Reference.value("cox.coef." + (j + 1)), within(1e-9));
        }
    }

    @Test
    void coxBreslowMatchesCoxph() {
        CoxPh fit = CoxPh.fit(covariates(), TIME, STATUS, new CoxPh.Options(CoxPh.Ties.BRESLOW, 1e-9, 20));
        for (int j = 0; j < 3; j++) {
            // survival 3.5.3 coxph(ties = "breslow"), reference.csv; 1e-6
            assertThat(fit.coefficients()[j]).isCloseTo(Reference.value("coxbreslow.coef." + (j + 1)), within(1e-6));
        }
        assertThat(fit.logLikelihood()).isCloseTo(Reference.value("coxbreslow.loglik"), within(1e-8));
    }

    @Test
    void concordanceMatchesSurvival() {
        double[] lp = Reference.table("cox_linear_predictors.csv").numbers("lp");
        // survival 3.5.3 concordance(coxph fit), reference.csv; 1e-12
        assertThat(Concordance.compute(TIME, STATUS, lp).cIndex()).isCloseTo(Reference.value("cindex.cox"),
                within(1e-12));
        CoxPh fit = CoxPh.fit(covariates(), TIME, STATUS);
        double[][] x = covariates();
        double[] ours = Arrays.stream(x).mapToDouble(fit::linearPredictor).toArray();
        assertThat(Concordance.compute(TIME, STATUS, ours).cIndex()).isCloseTo(Reference.value("cindex.cox"),
                within(1e-12));

        Concordance c3 = Concordance.compute(TIME, STATUS, DATA.numbers("x3"));
        // survival 3.5.3 concordance(Surv(time, status) ~ x3, reverse = TRUE): C and the pair counts, exact
        assertThat(c3.cIndex()).isCloseTo(Reference.value("cindex.x3"), within(1e-12));
        assertThat(c3.concordant()).isEqualTo((long) Reference.value("cindex.x3.concordant"));
        assertThat(c3.discordant()).isEqualTo((long) Reference.value("cindex.x3.discordant"));
        assertThat(c3.tiedRisk()).isEqualTo((long) Reference.value("cindex.x3.tied.x"));
        assertThat(c3.tiedTime()).isEqualTo((long) Reference.value("cindex.x3.tied.y"));
        assertThat(c3.tiedBoth()).isEqualTo((long) Reference.value("cindex.x3.tied.xy"));
    }

    @Test
    void concordanceByHand() {
        // times 1, 2, 3 all events, risks 3, 1, 2: pairs (1,2) conc, (1,3) conc, (2,3) disc -> 2/3
        Concordance c = Concordance.compute(new double[] {1, 2, 3}, new int[] {1, 1, 1}, new double[] {3, 1, 2});
        assertThat(c.cIndex()).isCloseTo(2.0 / 3, within(1e-15));
        // ties in risk count 1/2
        Concordance t = Concordance.compute(new double[] {1, 2}, new int[] {1, 0}, new double[] {5, 5});
        assertThat(t.cIndex()).isEqualTo(0.5);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, -2}, new int[] {1, 0}))
                .hasMessageContaining("time[1] is -2.0");
        assertThatThrownBy(() -> KaplanMeier.fit(new double[] {1, 2}, new int[] {1, 2}))
                .hasMessageContaining("status[1] is 2");
        assertThatThrownBy(() -> LogRank.compute(new double[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}))
                .hasMessageContaining("at least 2 groups");
        assertThatThrownBy(() -> LogRank.compute(new double[] {1, 2}, new int[] {1, 0}, new int[] {1}))
                .hasMessageContaining("same length");
        assertThatThrownBy(() -> CoxPh.fit(new double[][] {{1}, {2}}, new double[] {1, 2}, new int[] {0, 0}))
                .hasMessageContaining("no events");
        assertThatThrownBy(() -> CoxPh.fit(new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}, new int[] {1, 0}))
                .hasMessageContaining("x[1][0] is NaN");
        assertThatThrownBy(() -> CoxPh.fit(new double[][] {{1}, {1}, {1}}, new double[] {1, 2, 3}, new int[] {1, 1, 0}))
                .hasMessageContaining("singular");
        assertThatThrownBy(() -> new KaplanMeier.Options(KaplanMeier.ConfidenceType.LOG, 95))
                .hasMessageContaining("confidence level");
        assertThatThrownBy(() -> Concordance.compute(new double[] {1, 2}, new int[] {0, 0}, new double[] {1, 2}))
                .hasMessageContaining("no comparable pairs");
    }
}

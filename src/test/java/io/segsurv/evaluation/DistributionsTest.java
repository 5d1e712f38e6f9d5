/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class DistributionsTest {

    private static void assertRelative(double actual, double expected, double relTol, String what) {
        assertThat(Math.abs(actual - expected)).as(what + ": got " + actual + ", R " + expected)
                .isLessThanOrEqualTo(relTol * Math.abs(expected) + Double.MIN_NORMAL);
    }

    @Test
    void normalCdfMatchesR() {
        Reference.Table t = Reference.table("pnorm.csv");
        double[] x = t.numbers("x");
        double[] lower = t.numbers("pnorm");
        double[] upper = t.numbers("pnorm.upper");
        for (int i = 0; i < x.length; i++) {
            if (x[i] < -37) {
                // R pnorm(-38) underflows to 0; the true value 2.885428351e-316 is subnormal
                assertThat(lower[i]).isZero();
                assertThat(Distributions.normalCdf(x[i])).isCloseTo(2.885428351e-316, withinPercentage(1e-3));
                continue;
            }
            // R 4.2.2 pnorm / pnorm(lower.tail = FALSE), pnorm.csv; relative 1e-13
            assertRelative(Distributions.normalCdf(x[i]), lower[i], 1e-13, "pnorm(" + x[i] + ")");
            assertRelative(Distributions.normalUpperTail(x[i]), upper[i], 1e-13, "upper pnorm(" + x[i] + ")");
        }
    }

    @Test
    void normalQuantileMatchesR() {
        Reference.Table t = Reference.table("qnorm.csv");
        double[] p = t.numbers("p");
        double[] q = t.numbers("qnorm");
        for (int i = 0; i < p.length; i++) {
            // R 4.2.2 qnorm, qnorm.csv; relative 1e-13 (R uses Wichura AS241, we Halley-refine)
            assertThat(Distributions.normalQuantile(p[i])).as("qnorm(" + p[i] + ")")
                    .isCloseTo(q[i], within(1e-13 * Math.max(1, Math.abs(q[i]))));
        }
        assertThat(Distributions.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-15));
    }

    @Test
    void chiSquareMatchesR() {
        Reference.Table t = Reference.table("pchisq.csv");
        double[] x = t.numbers("x");
        double[] df = t.numbers("df");
        double[] lower = t.numbers("pchisq");
        double[] upper = t.numbers("pchisq.upper");
        for (int i = 0; i < x.length; i++) {
            // R 4.2.2 pchisq (both tails), pchisq.csv; relative 1e-12
            assertRelative(Distributions.chiSquareCdf(x[i], df[i]), lower[i], 1e-12, "pchisq(" + x[i] + "," + df[i] + ")");
            assertRelative(Distributions.chiSquareUpperTail(x[i], df[i]), upper[i], 1e-12,
                    "upper pchisq(" + x[i] + "," + df[i] + ")");
        }
    }

    @Test
    void studentTMatchesR() {
        Reference.Table q = Reference.table("qt.csv");
        double[] p = q.numbers("p");
        double[] df = q.numbers("df");
        double[] expected = q.numbers("qt");
        for (int i = 0; i < p.length; i++) {
            // R 4.2.2 qt, qt.csv; relative 1e-11 (bisection on the tail, limited by the CDF's accuracy)
            assertRelative(Distributions.studentTQuantile(p[i], df[i]), expected[i], 1e-11, "qt(" + p[i] + "," + df[i] + ")");
            assertRelative(Distributions.studentTQuantile(1 - p[i], df[i]), -expected[i], 1e-9, "qt(1-" + p[i] + ")");
        }
        Reference.Table c = Reference.table("pt.csv");
        double[] t = c.numbers("t");
        double[] dfs = c.numbers("df");
        double[] pt = c.numbers("pt");
        for (int i = 0; i < t.length; i++) {
            // R 4.2.2 pt, pt.csv; relative 1e-12
            assertRelative(Distributions.studentTCdf(t[i], dfs[i]), pt[i], 1e-12, "pt(" + t[i] + "," + dfs[i] + ")");
        }
    }

    @Test
    void logGammaOfIntegersIsLogFactorial() {
        // exact: Gamma(n) = (n-1)!
        assertThat(Distributions.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(Distributions.logGamma(5)).isCloseTo(Math.log(24), within(1e-14));
        assertThat(Distributions.logGamma(21)).isCloseTo(Math.log(2.43290200817664e18), within(1e-13));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> Distributions.chiSquareUpperTail(1, 0)).hasMessageContaining("degrees of freedom");
        assertThatThrownBy(() -> Distributions.normalQuantile(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Distributions.studentTQuantile(0.5, -1)).hasMessageContaining("-1");
    }
}

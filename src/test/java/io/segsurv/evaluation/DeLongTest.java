/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeLongTest {
    private static final Reference.Table DATA = Reference.table("roc_data.csv");
    private static final int[] LABELS = DATA.ints("label");
    private static final double[] S1 = DATA.numbers("s1");
    private static final double[] S2 = DATA.numbers("s2");

    @Test
    void intervalMatchesPROC() {
        DeLong.AucInterval ci = DeLong.compute(S1, LABELS, 1, Direction.HIGHER_IS_POSITIVE);
        // pROC 1.18.0 var(r1, method = "delong") and ci.auc(r1, method = "delong"), reference.csv; 1e-12 (brief asks 1e-8; observed <= 3e-16)
        assertThat(ci.auc()).isCloseTo(Reference.value("auc1"), within(1e-12));
        assertThat(ci.variance()).isCloseTo(Reference.value("var1"), within(1e-12));
        assertThat(ci.lower()).isCloseTo(Reference.value("ci1.lower"), within(1e-12));
        assertThat(ci.upper()).isCloseTo(Reference.value("ci1.upper"), within(1e-12));
        DeLong.AucInterval ci90 = DeLong.compute(S1, LABELS, 1, Direction.HIGHER_IS_POSITIVE, 0.90);
        // pROC 1.18.0 ci.auc(r1, method = "delong", conf.level = 0.9); 1e-12
        assertThat(ci90.lower()).isCloseTo(Reference.value("ci1.90.lower"), within(1e-12));
        assertThat(ci90.upper()).isCloseTo(Reference.value("ci1.90.upper"), within(1e-12));
        DeLong.AucInterval ci2 = DeLong.compute(S2, LABELS, 1, Direction.HIGHER_IS_POSITIVE);
        assertThat(ci2.variance()).isCloseTo(Reference.value("var2"), within(1e-12));
        assertThat(ci2.lower()).isCloseTo(Reference.value("ci2.lower"), within(1e-12));
        assertThat(ci2.upper()).isCloseTo(Reference.value("ci2.upper"), within(1e-12));
    }

    @Test
    void pairedTestMatchesPROC() {
        DeLong.Comparison c = DeLong.compare(S1, Direction.HIGHER_IS_POSITIVE, S2, Direction.HIGHER_IS_POSITIVE,
                LABELS, 1);
        // pROC 1.18.0 cov(r1, r2, method = "delong") and roc.test(r1, r2, method = "delong"), reference.csv; 1e-12 (observed 2e-15)
        assertThat(c.covariance()).isCloseTo(Reference.value("cov12"), within(1e-12));
        assertThat(c.z()).isCloseTo(Reference.value("test.z"), within(1e-12));
        assertThat(c.pValue()).isCloseTo(Reference.value("test.p"), within(1e-12));
        double[] minusS2 = java.util.Arrays.stream(S2).map(v -> -v).toArray();
        DeLong.Comparison mixed = DeLong.compare(S1, Direction.HIGHER_IS_POSITIVE, minusS2, Direction.LOWER_IS_POSITIVE,
                LABELS, 1);
        // same test with the second score negated and its direction reversed
        assertThat(mixed.z()).isCloseTo(Reference.value("test.z"), within(1e-12));
        assertThat(mixed.pValue()).isCloseTo(Reference.value("test.p"), within(1e-12));
        // comparing a score with itself: no difference
        DeLong.Comparison self = DeLong.compare(S1, Direction.HIGHER_IS_POSITIVE, S1, Direction.HIGHER_IS_POSITIVE,
                LABELS, 1);
        assertThat(self.z()).isZero();
        assertThat(self.pValue()).isEqualTo(1.0);
    }

    @Test
    void varianceOfASmallCaseByHand() {
        // positives {3, 5, 6}, negatives {1, 3, 4}. V10 = (5/6, 1, 1) -> S10 = var = 1/108 ...
        // V10_i = share of negatives below X_i (ties 1/2): 3 -> (1 + 0.5)/3 = 0.5, 5 -> 1, 6 -> 1
        // V01_j = share of positives above Y_j: 1 -> 1, 3 -> (0.5 + 2)/3 = 5/6, 4 -> 2/3
        // S10 = var(0.5, 1, 1) = 1/12; S01 = var(1, 5/6, 2/3) = 1/36; Var = (1/12)/3 + (1/36)/3 = 1/27
        DeLong.AucInterval ci = DeLong.compute(new double[] {3, 5, 6, 1, 3, 4}, new int[] {1, 1, 1, 0, 0, 0}, 1,
                Direction.HIGHER_IS_POSITIVE);
        assertThat(ci.auc()).isCloseTo(7.5 / 9, within(1e-15));
        assertThat(ci.variance()).isCloseTo(1.0 / 27, within(1e-15));
        assertThat(ci.upper()).isEqualTo(1.0); // clipped like pROC
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> DeLong.compute(new double[] {1, 2, 3}, new int[] {1, 0, 0}, 1,
                Direction.HIGHER_IS_POSITIVE)).hasMessageContaining("at least 2 positive and 2 negative");
        assertThatThrownBy(() -> DeLong.compute(S1, LABELS, 1, Direction.HIGHER_IS_POSITIVE, 1.0))
                .hasMessageContaining("confidence level");
        assertThatThrownBy(() -> DeLong.compare(S1, Direction.HIGHER_IS_POSITIVE, new double[3],
                Direction.HIGHER_IS_POSITIVE, LABELS, 1)).hasMessageContaining("same length");
    }
}

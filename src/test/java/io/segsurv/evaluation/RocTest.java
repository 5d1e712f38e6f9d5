/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RocTest {
    private static final Reference.Table DATA = Reference.table("roc_data.csv");
    private static final int[] LABELS = DATA.ints("label");
    private static final double[] S1 = DATA.numbers("s1");
    private static final double[] S2 = DATA.numbers("s2");

    @Test
    void threeByThreeByHand() {
        // positives {3, 5, 6}, negatives {1, 3, 4}: pairs won 1+1+1 (vs 1), 0.5+1+1 (vs 3), 0+1+1 (vs 4) -> 7.5/9
        Roc roc = Roc.compute(new double[] {3, 5, 6, 1, 3, 4}, new int[] {1, 1, 1, 0, 0, 0}, 1,
                Direction.HIGHER_IS_POSITIVE);
        assertThat(roc.auc()).isCloseTo(7.5 / 9, within(1e-15));
        assertThat(roc.points()).extracting(Roc.RocPoint::threshold)
                .containsExactly(Double.NEGATIVE_INFINITY, 2.0, 3.5, 4.5, 5.5, Double.POSITIVE_INFINITY);
        // threshold 3.5: positives 5, 6 -> 2/3; negatives 1, 3 below -> 2/3
        assertThat(roc.points().get(2)).isEqualTo(new Roc.RocPoint(3.5, 2.0 / 3, 2.0 / 3));
        // same data with labels swapped and the direction reversed gives the same curve area
        Roc flipped = Roc.compute(new double[] {3, 5, 6, 1, 3, 4}, new int[] {0, 0, 0, 1, 1, 1}, 1,
                Direction.LOWER_IS_POSITIVE);
        assertThat(flipped.auc()).isCloseTo(7.5 / 9, within(1e-15));
    }

    @Test
    void aucAndCurveMatchPROC() {
        Roc r1 = Roc.compute(S1, LABELS, 1, Direction.HIGHER_IS_POSITIVE);
        // pROC 1.18.0 auc(roc(y, s1, levels = c(0, 1), direction = "<")), reference.csv; exact to 1e-12
        assertThat(r1.auc()).isCloseTo(Reference.value("auc1"), within(1e-12));
        assertThat(r1.positives()).isEqualTo(40);
        assertCurve(r1, Reference.table("roc_coords_s1.csv"));

        double[] minusS2 = new double[S2.length];
        for (int i = 0; i < S2.length; i++) {
            minusS2[i] = -S2[i];
        }
        Roc r2 = Roc.compute(minusS2, LABELS, 1, Direction.LOWER_IS_POSITIVE);
        // pROC 1.18.0 roc(y, -s2, direction = ">"), reference.csv; 1e-12
        assertThat(r2.auc()).isCloseTo(Reference.value("auc2.lowerIsPositive"), within(1e-12));
        assertCurve(r2, Reference.table("roc_coords_minus_s2_lower.csv"));
    }

    private static void assertCurve(Roc roc, Reference.Table expected) {
        double[] t = expected.numbers("threshold");
        double[] se = expected.numbers("sensitivity");
        double[] sp = expected.numbers("specificity");
        assertThat(roc.points()).hasSize(t.length);
        for (int i = 0; i < t.length; i++) {
            Roc.RocPoint p = roc.points().get(i);
            // pROC 1.18.0 coords(roc, "all"); thresholds are midpoints (a + b) / 2 computed the same way: 1e-12
            assertThat(p.threshold()).isCloseTo(t[i], within(1e-12));
            assertThat(p.sensitivity()).isCloseTo(se[i], within(1e-12));
            assertThat(p.specificity()).isCloseTo(sp[i], within(1e-12));
        }
    }

    @Test
    void signedZerosAreOneScore() {
        Roc roc = Roc.compute(new double[] {-0.0, 0.0, 1}, new int[] {0, 1, 1}, 1, Direction.HIGHER_IS_POSITIVE);
        assertThat(roc.points()).hasSize(3);
        assertThat(roc.auc()).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void youdenMatchesPROC() {
        List<Roc.RocPoint> best = Roc.compute(S1, LABELS, 1, Direction.HIGHER_IS_POSITIVE).youdenOptimal();
        // pROC 1.18.0 coords(r1, "best", best.method = "youden"), reference.csv; 1e-12
        assertThat(best).hasSize((int) Reference.value("youden1.count"));
        assertThat(best.get(0).threshold()).isCloseTo(Reference.value("youden1.threshold.1"), within(1e-12));
        assertThat(best.get(0).sensitivity()).isCloseTo(Reference.value("youden1.sensitivity.1"), within(1e-12));
        assertThat(best.get(0).specificity()).isCloseTo(Reference.value("youden1.specificity.1"), within(1e-12));
    }

    @Test
    void confusionMetricsAtTheYoudenThreshold() {
        ConfusionMetrics cm = ConfusionMetrics.compute(S1, LABELS, 1, Direction.HIGHER_IS_POSITIVE,
                Reference.value("youden1.threshold.1"));
        // pROC 1.18.0 coords "best": sensitivity 0.925 (37/40), specificity 0.56 (28/50)
        assertThat(cm.truePositives()).isEqualTo(37);
        assertThat(cm.trueNegatives()).isEqualTo(28);
        assertThat(cm.sensitivity()).isCloseTo(Reference.value("youden1.sensitivity.1"), within(1e-15));
        assertThat(cm.specificity()).isCloseTo(Reference.value("youden1.specificity.1"), within(1e-15));
        assertThat(cm.accuracy()).isCloseTo(65.0 / 90, within(1e-15));
    }

    @Test
    void confusionMetricsByHandWithDeathPositiveAndLowScoresPositive() {
        // scores are survival probabilities; deaths (label 1) predicted when score <= 0.5
        double[] p = {0.1, 0.4, 0.7, 0.5, 0.9, 0.8};
        int[] death = {1, 1, 1, 0, 0, 0};
        ConfusionMetrics cm = ConfusionMetrics.compute(p, death, 1, Direction.LOWER_IS_POSITIVE, 0.5);
        assertThat(cm).isEqualTo(new ConfusionMetrics(0.5, 2, 1, 2, 1));
        assertThat(cm.sensitivity()).isEqualTo(2.0 / 3);
        assertThat(cm.specificity()).isEqualTo(2.0 / 3);
        assertThat(cm.accuracy()).isEqualTo(4.0 / 6);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> Roc.compute(new double[] {1, 2}, new int[] {1, 1}, 1, Direction.HIGHER_IS_POSITIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both classes are needed");
        assertThatThrownBy(() -> Roc.compute(new double[] {1, Double.NaN}, new int[] {1, 0}, 1,
                Direction.HIGHER_IS_POSITIVE)).hasMessageContaining("scores[1] is NaN");
        assertThatThrownBy(() -> Roc.compute(new double[] {1, 2, 3}, new int[] {1, 0}, 1, Direction.HIGHER_IS_POSITIVE))
                .hasMessageContaining("scores has 3 values but labels has 2");
        assertThatThrownBy(() -> Roc.compute(new double[] {1, 2, 3}, new int[] {1, 0, 2}, 1,
                Direction.HIGHER_IS_POSITIVE)).hasMessageContaining("two values");
        assertThatThrownBy(() -> ConfusionMetrics.compute(new double[] {1, 2}, new int[] {1, 0}, 1,
                Direction.HIGHER_IS_POSITIVE, Double.NaN)).hasMessageContaining("threshold is NaN");
    }
}

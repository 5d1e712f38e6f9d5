/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FoldSummaryTest {

    @Test
    void matchesRTTestInterval() {
        FoldSummary s = FoldSummary.compute(new double[] {0.81, 0.86, 0.92, 0.88, 0.79, 0.90});
        // R 4.2.2 mean, sd and t.test(folds)$conf.int (= mean -/+ qt(0.975, 5) sd / sqrt(6)), reference.csv; 1e-12
        assertThat(s.mean()).isCloseTo(Reference.value("folds.mean"), within(1e-12));
        assertThat(s.standardDeviation()).isCloseTo(Reference.value("folds.sd"), within(1e-12));
        assertThat(s.lower()).isCloseTo(Reference.value("folds.lower"), within(1e-12));
        assertThat(s.upper()).isCloseTo(Reference.value("folds.upper"), within(1e-12));
        // R qt(0.975, 5) = 2.570581835636314
        assertThat(s.tQuantile()).isCloseTo(2.570581835636314, within(1e-12));
        assertThat(s.folds()).isEqualTo(6);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> FoldSummary.compute(new double[] {0.8})).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> FoldSummary.compute(new double[] {0.8, Double.NaN}))
                .hasMessageContaining("values[1] is NaN");
    }
}

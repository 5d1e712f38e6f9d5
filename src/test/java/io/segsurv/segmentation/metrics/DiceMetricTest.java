/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class DiceMetricTest {

    @Test
    void probabilitiesAreBinarisedAtOneHalf() {
        // prediction > 0.5 at voxels 1, 2, 3; truth at 2, 3, 4, 5: |A|=3, |B|=4, |A and B|=2 -> 4/7
        float[] p = {0.1f, 0.9f, 0.51f, 1f, 0.5f, 0.2f};
        float[] t = {0, 0, 1, 1, 1, 1};
        assertThat(DiceMetric.dice(p, t)).isCloseTo(4.0 / 7, offset(1e-12));
        assertThat(DiceMetric.dice(t, t)).isEqualTo(1.0);
    }

    @Test
    void byteMasks() {
        assertThat(DiceMetric.dice(new byte[] {1, 1, 0, 0}, new byte[] {0, 1, 1, 0})).isEqualTo(0.5);
        assertThat(DiceMetric.dice(new byte[] {1, 0}, new byte[] {0, 1})).isZero();
    }

    @Test
    void twoEmptyMasksAgreeAndOneEmptyMaskDoesNot() {
        assertThat(DiceMetric.dice(new float[3], new float[3])).isEqualTo(1.0);
        assertThat(DiceMetric.dice(new float[] {0, 0, 0}, new float[] {0, 1, 0})).isZero();
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> DiceMetric.dice(new float[2], new float[3])).hasMessageContaining("2 voxels, truth 3");
    }

    @Test
    void meanAndSampleSd() {
        // 0.8, 0.9, 1.0: mean 0.9, SD sqrt((0.01 + 0 + 0.01) / 2) = 0.1
        MeanSd s = MeanSd.of(0.8, 0.9, 1.0);
        assertThat(s.mean()).isCloseTo(0.9, offset(1e-12));
        assertThat(s.sd()).isCloseTo(0.1, offset(1e-12));
        assertThat(s.n()).isEqualTo(3);
        assertThat(MeanSd.of(0.7).sd()).isZero();
        assertThatThrownBy(MeanSd::of).hasMessageContaining("at least one");
    }
}

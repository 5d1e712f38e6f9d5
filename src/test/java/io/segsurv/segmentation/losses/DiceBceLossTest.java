/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expected values computed by hand (checked with Python's math module):
 * BCE = mean(log(1 + e^x) - x y), Dice = (2 sum p y + 1) / (sum p + sum y + 1), p = 1 / (1 + e^-x).
 */
class DiceBceLossTest {

    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray volume(float... v) {
        return manager.create(v, new Shape(1, 1, 1, 2, v.length / 2));
    }

    @Test
    void oneCase() {
        // BCE: (ln 2 + (ln(1+e^2) - 2) + ln(1+e^-1) + (ln(1+e^3) - 3)) / 4 = 0.2954811
        // p = 0.5, 0.8807971, 0.2689414, 0.9525741; Dice = (2 (0.8807971 + 0.9525741) + 1) / (2.6023126 + 2 + 1) = 0.8330029
        NDArray loss = DiceBceLoss.evaluate(volume(0, 2, -1, 3), volume(0, 1, 0, 1));
        assertThat(loss.getShape().isScalar()).isTrue();
        assertThat(loss.getFloat()).isCloseTo(0.4624782f, offset(1e-6f));
        assertThat(DiceBceLoss.softDice(volume(0.5f, 0.8807971f, 0.2689414f, 0.9525741f), volume(0, 1, 0, 1)).getFloat())
                .isCloseTo(0.8330029f, offset(1e-6f));
    }

    @Test
    void batchAveragesBceOverAllVoxelsAndDiceOverCases() {
        // second case alone: BCE 0.3616496, Dice 0.7722864; together 0.3616496/2 + 0.2954811/2 + 1 - (0.8330029 + 0.7722864)/2
        NDArray logits = manager.create(new float[] {0, 2, -1, 3, 1, 1, -2, 0}, new Shape(2, 1, 1, 2, 2));
        NDArray target = manager.create(new float[] {0, 1, 0, 1, 1, 1, 0, 0}, new Shape(2, 1, 1, 2, 2));
        assertThat(DiceBceLoss.evaluate(logits, target).getFloat()).isCloseTo(0.5259207f, offset(1e-6f));
    }

    @Test
    void extremeLogitsStayFinite() {
        // right with certainty: BCE ~ 1.9e-44, Dice (2*2 + 1) / (2 + 2 + 1) = 1: loss 0
        assertThat(DiceBceLoss.evaluate(volume(100, -100, -100, 100), volume(1, 0, 0, 1)).getFloat()).isCloseTo(0f, offset(1e-6f));
        // wrong with certainty: BCE (100 + 100) / 2, Dice (0 + 1) / (1 + 1 + 1)
        assertThat(DiceBceLoss.evaluate(volume(100, -100), volume(0, 1)).getFloat()).isCloseTo(100.6666667f, offset(1e-4f));
    }

    @Test
    void emptyMaskAndEmptyPredictionCostNothingButTheBce() {
        // p = sigmoid(-30) ~ 9.4e-14 per voxel: Dice ~ 1 thanks to the smooth term
        NDArray loss = DiceBceLoss.evaluate(volume(-30, -30, -30, -30), volume(0, 0, 0, 0));
        assertThat(loss.getFloat()).isCloseTo(0f, offset(1e-6f));
    }

    @Test
    void shapesMustMatch() {
        assertThatThrownBy(() -> DiceBceLoss.evaluate(volume(0, 0, 0, 0), volume(0, 0))).hasMessageContaining("same shape");
    }
}

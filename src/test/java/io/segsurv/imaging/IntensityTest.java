/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntensityTest {

    /** (v - lo) / (hi - lo) after clipping, by hand: CT window 700 HU wide, PET window 19.99 SUV wide. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "CT, -1024, 0",
        "CT, -500, 0",
        "CT, -499.3, 0.001",   // 0.7 / 700
        "CT, -150, 0.5",       // 350 / 700
        "CT, 0, 0.7142857",    // 500 / 700
        "CT, 200, 1",
        "CT, 3071, 1",
        "PET, 0, 0",
        "PET, 0.01, 0",
        "PET, 10.005, 0.5",    // 9.995 / 19.99
        "PET, 8, 0.3996998",   // 7.99 / 19.99
        "PET, 20, 1",
        "PET, 35.2, 1",
        "PET, NaN, 0"})
    void clipsAndScales(String window, double value, double expected) {
        Intensity w = window.equals("CT") ? Intensity.CT : Intensity.PET;
        assertThat((double) w.apply(value)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void arraysAndValidation() {
        assertThat(new Intensity(-1, 1).apply(new float[] {-2, -1, 0, 0.5f, 1, 2})).containsExactly(0, 0, 0.5f, 0.75f, 1, 1);
        assertThatThrownBy(() -> new Intensity(200, -500)).hasMessageContaining("lo < hi, got lo = 200.0, hi = -500.0");
        assertThatThrownBy(() -> new Intensity(0, Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }
}

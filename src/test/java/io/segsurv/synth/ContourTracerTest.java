/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContourTracerTest {

    private static boolean[] mask(String... rows) {
        int w = rows[0].length();
        boolean[] m = new boolean[w * rows.length];
        for (int j = 0; j < rows.length; j++) {
            for (int i = 0; i < w; i++) {
                m[j * w + i] = rows[j].charAt(i) == '#';
            }
        }
        return m;
    }

    @Test
    void aSinglePixelGivesADiamondThroughTheEdgeMidpoints() {
        List<double[]> loops = ContourTracer.trace(mask("#"), 1, 1);
        assertThat(loops).hasSize(1);
        assertThat(loops.get(0)).hasSize(8);
        assertThat(ContourTracer.contains(loops, 0, 0)).isTrue();
        assertThat(ContourTracer.contains(loops, 0.6, 0)).isFalse();
    }

    @Test
    void aRingGivesAnOuterLoopAndAHole() {
        String[] rows = {"#####", "#####", "##.##", "#####", "#####"};
        List<double[]> loops = ContourTracer.trace(mask(rows), 5, 5);
        assertThat(loops).hasSize(2);
        // every pixel centre is classified as the mask says (even-odd rule: the hole is outside)
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 5; i++) {
                assertThat(ContourTracer.contains(loops, i, j)).as("pixel %d,%d", i, j)
                        .isEqualTo(rows[j].charAt(i) == '#');
            }
        }
        // outer boundary and hole run in opposite directions
        assertThat(Math.signum(area(loops.get(0)))).isEqualTo(-Math.signum(area(loops.get(1))));
    }

    @Test
    void diagonalNeighboursAreSeparateRegionsAndStraightRunsAreSimplified() {
        List<double[]> loops = ContourTracer.trace(mask("#..", ".#.", "..."), 3, 3);
        assertThat(loops).hasSize(2);
        List<double[]> bar = ContourTracer.trace(mask("......", ".####.", "......"), 6, 3);
        assertThat(bar).hasSize(1);
        // a 4 x 1 bar: two end diamonds' tips plus the corners, no collinear midpoints along the sides
        assertThat(bar.get(0).length / 2).isEqualTo(6);
    }

    private static double area(double[] p) {
        double a = 0;
        int n = p.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            a += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
        }
        return a / 2;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void restoringTheStateContinuesTheSequence() {
        SeededRandom a = new SeededRandom(123);
        for (int i = 0; i < 17; i++) {
            a.nextGaussian();
        }
        SeededRandom b = SeededRandom.restore(a.state());
        for (int i = 0; i < 100; i++) {
            assertThat(b.nextLong()).isEqualTo(a.nextLong());
        }
    }

    @Test
    void firstValueIsSplitMix64() {
        // SplitMix64 with seed 0: first output 0xE220A8397B1DCDAF (Steele, Lea, Flood 2014; the JDK's SplittableRandom agrees)
        assertThat(new SeededRandom(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void distributionsHaveTheRightMoments() {
        SeededRandom r = new SeededRandom(5);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        double uniform = 0;
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
            uniform += r.nextDouble();
            counts[r.nextInt(3)]++;
        }
        assertThat(sum / n).isCloseTo(0, offset(0.01));
        assertThat(sumSq / n).isCloseTo(1, offset(0.01));
        assertThat(uniform / n).isCloseTo(0.5, offset(0.005));
        for (int c : counts) {
            assertThat(c).isBetween(n / 3 - 1000, n / 3 + 1000);
        }
    }

    @Test
    void shuffleIsAPermutation() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new SeededRandom(3).shuffle(a);
        assertThat(a).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.segsurv.segmentation.SeededRandom;
import io.segsurv.segmentation.TestVolumes;
import io.segsurv.segmentation.transforms.SpatialTransform.Parameters;
import org.junit.jupiter.api.Test;

class SpatialAugmentationTest {

    private static final int NX = 12;
    private static final int NY = 10;
    private static final int NZ = 6;

    private static int at(int x, int y, int z) {
        return x + NX * (y + NY * z);
    }

    private static SpatialTransform transform(Parameters p) {
        return new SpatialTransform(p, NX, NY, NZ);
    }

    @Test
    void identityCopiesExactly() {
        float[] image = TestVolumes.gaussian(2 * NX * NY * NZ, 1);
        assertThat(transform(Parameters.IDENTITY).image(image, 2)).containsExactly(image);
    }

    @Test
    void flipsMirrorEachAxis() {
        float[] image = TestVolumes.gaussian(NX * NY * NZ, 2);
        float[] fx = transform(new Parameters(true, false, false, 0, 0, 0, 0, 0, 0)).image(image, 1);
        float[] fz = transform(new Parameters(false, false, true, 0, 0, 0, 0, 0, 0)).image(image, 1);
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    assertThat(fx[at(x, y, z)]).isEqualTo(image[at(NX - 1 - x, y, z)]);
                    assertThat(fz[at(x, y, z)]).isEqualTo(image[at(x, y, NZ - 1 - z)]);
                }
            }
        }
    }

    @Test
    void integerShiftMovesTheContentAndRepeatsTheBorder() {
        float[] image = TestVolumes.gaussian(NX * NY * NZ, 3);
        float[] out = transform(new Parameters(false, false, false, 0, 0, 0, 2, 0, -1)).image(image, 1);
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    int sx = Math.min(x + 2, NX - 1);
                    int sz = Math.max(z - 1, 0);
                    assertThat(out[at(x, y, z)]).isEqualTo(image[at(sx, y, sz)]);
                }
            }
        }
    }

    @Test
    void halfVoxelShiftAveragesNeighbours() {
        float[] image = TestVolumes.gaussian(NX * NY * NZ, 4);
        float[] out = transform(new Parameters(false, false, false, 0, 0, 0, 0.5, 0, 0)).image(image, 1);
        assertThat(out[at(3, 4, 2)]).isCloseTo((image[at(3, 4, 2)] + image[at(4, 4, 2)]) / 2, offset(1e-6f));
    }

    @Test
    void rotationOf90DegreesAboutZTurnsTheSquarePlane() {
        int n = 8;
        SpatialTransform r = new SpatialTransform(new Parameters(false, false, false, 0, 0, 90, 0, 0, 0), n, n, 2);
        float[] image = TestVolumes.gaussian(n * n * 2, 5);
        float[] out = r.image(image, 1);
        // source = Rz(90) (p - c) + c with c = 3.5: (x, y) takes the value at (3.5 - (y - 3.5), 3.5 + (x - 3.5)) = (7 - y, x)
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    assertThat(out[x + n * (y + n * z)]).isCloseTo(image[(7 - y) + n * (x + n * z)], offset(1e-5f));
                }
            }
        }
    }

    @Test
    void smallArbitraryRotationsReproduceALinearImageInside() {
        // trilinear interpolation is exact for a linear function: output(p) = f(source(p)) where source stays inside
        int n = 20;
        float[] f = new float[n * n * n];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    f[x + n * (y + n * z)] = 0.3f * x - 0.2f * y + 0.1f * z + 1;
                }
            }
        }
        double a = Math.toRadians(7.3);
        SpatialTransform r = new SpatialTransform(new Parameters(false, false, false, 0, 0, 7.3, 1.25, 0, 0), n, n, n);
        float[] out = r.image(f, 1);
        double c = (n - 1) / 2.0;
        for (int x = 6; x < 14; x++) {
            for (int y = 6; y < 14; y++) {
                double sx = Math.cos(a) * (x - c) - Math.sin(a) * (y - c) + c + 1.25;
                double sy = Math.sin(a) * (x - c) + Math.cos(a) * (y - c) + c;
                double expected = 0.3 * sx - 0.2 * sy + 0.1 * 10 + 1;
                assertThat((double) out[x + n * (y + n * 10)]).isCloseTo(expected, offset(1e-5));
            }
        }
    }

    @Test
    void maskMovesWithTheImageAndStaysBinary() {
        int n = 24;
        float[] sphere = new float[n * n * n];
        int inside = 0;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean in = (x - 9) * (x - 9) + (y - 12) * (y - 12) + (z - 13) * (z - 13) <= 25;
                    sphere[x + n * (y + n * z)] = in ? 1 : 0;
                    inside += in ? 1 : 0;
                }
            }
        }
        SpatialAugmentation aug = new SpatialAugmentation(AugmentationOptions.DEFAULT, n, n, n);
        SeededRandom random = new SeededRandom(99);
        for (int k = 0; k < 20; k++) {
            SpatialTransform t = aug.sample(random);
            float[] image = t.image(sphere, 1);
            float[] mask = t.mask(sphere);
            int count = 0;
            for (int i = 0; i < mask.length; i++) {
                assertThat(mask[i]).isIn(0f, 1f);
                // the mask is the image thresholded: the same transform moved both
                assertThat(mask[i]).isEqualTo(image[i] >= 0.5f ? 1f : 0f);
                count += (int) mask[i];
            }
            assertThat((double) count).as("volume after " + t.parameters()).isCloseTo(inside, offset(0.15 * inside));
        }
    }

    @Test
    void samplesAreDeterministicPerSeedAndWithinTheRanges() {
        SpatialAugmentation aug = new SpatialAugmentation(new AugmentationOptions(0.1, 15, true, false, true), 96, 96, 48);
        assertThat(aug.sample(new SeededRandom(7)).parameters()).isEqualTo(aug.sample(new SeededRandom(7)).parameters());
        assertThat(aug.sample(new SeededRandom(7)).parameters()).isNotEqualTo(aug.sample(new SeededRandom(8)).parameters());
        SeededRandom random = new SeededRandom(1);
        int flipsX = 0;
        double largestRotation = 0;
        double largestShiftZ = 0;
        for (int i = 0; i < 2000; i++) {
            Parameters p = aug.sample(random).parameters();
            flipsX += p.flipX() ? 1 : 0;
            assertThat(p.flipY()).isFalse();
            for (double r : new double[] {p.rotX(), p.rotY(), p.rotZ()}) {
                assertThat(Math.abs(r)).isLessThanOrEqualTo(15);
                largestRotation = Math.max(largestRotation, Math.abs(r));
            }
            assertThat(Math.abs(p.shiftX())).isLessThanOrEqualTo(9.6);
            assertThat(Math.abs(p.shiftZ())).isLessThanOrEqualTo(4.8);
            largestShiftZ = Math.max(largestShiftZ, Math.abs(p.shiftZ()));
        }
        assertThat(flipsX).isBetween(900, 1100);
        assertThat(largestRotation).isGreaterThan(14.5);
        assertThat(largestShiftZ).isGreaterThan(4.6);
        SpatialAugmentation none = new SpatialAugmentation(AugmentationOptions.NONE, 4, 4, 4);
        assertThat(none.sample(random).parameters()).isEqualTo(Parameters.IDENTITY);
    }

    @Test
    void invalidOptionsAndSizesAreRejected() {
        assertThatThrownBy(() -> new AugmentationOptions(0.7, 10, false, false, false)).hasMessageContaining("maxShift");
        assertThatThrownBy(() -> new AugmentationOptions(0.1, -1, false, false, false)).hasMessageContaining("maxRotationDegrees");
        assertThatThrownBy(() -> transform(Parameters.IDENTITY).image(new float[7], 1)).hasMessageContaining("image has 7 values");
        assertThatThrownBy(() -> transform(Parameters.IDENTITY).mask(new float[7])).hasMessageContaining("mask has 7 values");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {

    /** f = 0.3 x - 0.7 y + 1.1 z + 5: trilinear interpolation reproduces an affine function exactly. */
    static double ramp(Vec3 p) {
        return 0.3 * p.x() - 0.7 * p.y() + 1.1 * p.z() + 5;
    }

    /** A grid with the directions of R = Rz(a) Ry(b) Rx(c) (degrees); flip reverses the slice direction. */
    static Grid rotated(int n0, int n1, int n2, Vec3 centre, double a, double b, double c, boolean flip,
            double s0, double s1, double s2) {
        double ca = Math.cos(Math.toRadians(a)), sa = Math.sin(Math.toRadians(a));
        double cb = Math.cos(Math.toRadians(b)), sb = Math.sin(Math.toRadians(b));
        double cc = Math.cos(Math.toRadians(c)), sc = Math.sin(Math.toRadians(c));
        double[][] r = {
            {ca * cb, ca * sb * sc - sa * cc, ca * sb * cc + sa * sc},
            {sa * cb, sa * sb * sc + ca * cc, sa * sb * cc - ca * sc},
            {-sb, cb * sc, cb * cc}};
        Vec3 row = new Vec3(r[0][0], r[1][0], r[2][0]);
        Vec3 col = new Vec3(r[0][1], r[1][1], r[2][1]);
        Vec3 sl = new Vec3(r[0][2], r[1][2], r[2][2]).times(flip ? -1 : 1);
        return new CropGrid(n0, n1, n2, s0, s1, s2).around(centre,
                new Grid(1, 1, 1, Vec3.ZERO, row, col, sl, 1, 1, 1));
    }

    static Volume rampVolume(Grid g) {
        float[] d = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    d[g.index(i, j, k)] = (float) ramp(g.world(i, j, k));
                }
            }
        }
        return new Volume(g, d);
    }

    static final Vec3 C = new Vec3(3.1, -1.7, -2.3);

    static Stream<Arguments> rampCases() {
        Grid axialSource = rotated(30, 30, 16, C, 0, 0, 0, false, 0.9, 0.9, 2.5);
        Grid obliqueSource = rotated(20, 18, 14, C, 25, -10, 40, true, 1.5, 2, 3);
        // targets of 40 x 40 x 30 (parallel path) reach beyond the sources, so both inside and outside are checked
        Grid axial1mm = rotated(40, 40, 30, C.plus(new Vec3(0.37, -0.21, 0.6)), 0, 0, 0, false, 1, 1, 1);
        Grid obliqueTarget = rotated(40, 40, 30, C.plus(new Vec3(2, 1, -3)), -35, 20, 70, false, 1.1, 0.8, 1.3);
        Grid sagittalFeetFirst = new Grid(40, 40, 30, C.minus(new Vec3(15, 20, -20)), new Vec3(0, 1, 0), new Vec3(0, 0, -1),
                new Vec3(1, 0, 0), 1, 1, 1);
        Grid tiny = rotated(3, 2, 1, C, 10, 20, 30, false, 0.5, 0.5, 0.5);
        return Stream.of(
                Arguments.of("axial 0.9x0.9x2.5 -> axial 1 mm", axialSource, axial1mm),
                Arguments.of("axial -> oblique anisotropic", axialSource, obliqueTarget),
                Arguments.of("axial -> sagittal", axialSource, sagittalFeetFirst),
                Arguments.of("oblique reversed -> axial 1 mm", obliqueSource, axial1mm),
                Arguments.of("oblique -> oblique", obliqueSource, obliqueTarget),
                Arguments.of("oblique -> tiny (sequential path)", obliqueSource, tiny));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rampCases")
    void trilinearReproducesALinearRampExactlyAndPadsOutside(String name, Grid source, Grid target) {
        Volume out = new Resampler(-1024f).resample(rampVolume(source), target);
        assertThat(out.grid()).isEqualTo(target);
        int inner = 0;
        int outside = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    Vec3 w = target.world(i, j, k);
                    Vec3 q = source.toIndex(w);
                    float v = out.value(i, j, k);
                    if (between(q.x(), 0, source.nx() - 1) && between(q.y(), 0, source.ny() - 1)
                            && between(q.z(), 0, source.nz() - 1)) {
                        assertThat((double) v).as("voxel %d %d %d", i, j, k).isCloseTo(ramp(w), within(2e-3));
                        inner++;
                    } else if (!(between(q.x(), -0.5, source.nx() - 0.5) && between(q.y(), -0.5, source.ny() - 0.5)
                            && between(q.z(), -0.5, source.nz() - 0.5))) {
                        assertThat(v).isEqualTo(-1024f);
                        outside++;
                    }
                }
            }
        }
        assertThat(inner).isPositive();
        if (target.size() > 100) {
            assertThat(outside).isPositive();
        }
    }

    private static boolean between(double v, double lo, double hi) {
        return v >= lo && v <= hi;
    }

    @Test
    void theSameGridIsTheIdentityAndTheRimRepeatsTheEdge() {
        Grid g = Grid.axial(5, 4, 3, new Vec3(1, 2, 3), 2, 2, 2);
        Volume v = rampVolume(g);
        assertThat(new Resampler(0f).resample(v, g).data()).containsExactly(v.data());
        // a 1-voxel grid a quarter voxel (0.5 mm) outside the first voxel centre along x still gets the edge value;
        // three quarters of a voxel (1.5 mm) outside gets the outside value
        Grid rim = Grid.axial(1, 1, 1, new Vec3(0.5, 2, 3), 1, 1, 1);
        Grid beyond = Grid.axial(1, 1, 1, new Vec3(-0.5, 2, 3), 1, 1, 1);
        assertThat(new Resampler(-7f).resample(v, rim).data()[0]).isEqualTo(v.data()[0]);
        assertThat(new Resampler(-7f).resample(v, beyond).data()[0]).isEqualTo(-7f);
    }

    /**
     * A box of 20 x 20 x 8 voxels of 0.9 x 0.9 x 2.5 mm (i 10..29, j 12..31, k 4..11): 18 x 18 x 20 mm =
     * 6480 mm^3. On a 1-mm grid shifted by a fraction of a voxel, exactly 18, 18 and 20 centres fall in the
     * box's half-open extent along each axis, so nearest neighbour gives 6480 voxels of 1 mm^3. Trilinear
     * interpolation of a box is the product of three 1-D ramps, each >= 0.5 exactly inside the box's extent,
     * so it never adds a voxel; along the 12 edges a product of two partial weights in [0.5, 1) can drop below
     * 0.5, so it loses at most the 2 x 2 target voxels per edge position: 4 x (18 + 18 + 20) x 2 = 448.
     */
    @ParameterizedTest
    @EnumSource(MaskInterpolation.class)
    void maskResamplingKeepsABoxVolume(MaskInterpolation mode) {
        Grid src = Grid.axial(40, 44, 16, new Vec3(-20, -22, -15), 0.9, 0.9, 2.5);
        byte[] d = new byte[src.size()];
        for (int k = 4; k <= 11; k++) {
            for (int j = 12; j <= 31; j++) {
                for (int i = 10; i <= 29; i++) {
                    d[src.index(i, j, k)] = 1;
                }
            }
        }
        Mask box = new Mask(src, d);
        assertThat(Masks.volumeMm3(box)).isCloseTo(6480, within(1e-6));
        Resampler r = new Resampler(0f, mode);
        Grid aligned = Grid.axial(60, 60, 50, new Vec3(-27.63, -29.19, -19.87), 1, 1, 1);
        int count = r.resample(box, aligned).count();
        if (mode == MaskInterpolation.NEAREST) {
            assertThat(count).isEqualTo(6480);
        } else {
            assertThat(count).isBetween(6480 - 448, 6480 - 1);
        }

        // rotated 1-mm grid: within one voxel layer over the surface (2 x (18*18 + 18*20 + 18*20) = 2088 mm^2);
        // in practice the errors along the faces cancel to well under 3 %
        Grid oblique = rotated(60, 60, 60, Masks.centreOfMass(box), 30, 15, -20, true, 1, 1, 1);
        double v = Masks.volumeMm3(r.resample(box, oblique));
        assertThat(Math.abs(v - 6480)).isLessThan(2088 * 1.0);
        assertThat(v).isCloseTo(6480, within(0.03 * 6480));
        // the box's centre of mass is kept to within half a voxel
        assertThat(Masks.centreOfMass(r.resample(box, oblique)).distance(Masks.centreOfMass(box))).isLessThan(0.5);
    }

    @Test
    void linearMaskInterpolationSmoothsACoarseMaskWhereNearestStaysBlocky() {
        // a single 4-mm voxel: nearest gives a 4 x 4 x 4 = 64 mm^3 cube on a 1-mm grid centred on it; trilinear >= 0.5
        // keeps the points within the voxel's faces too (the tent function is >= 0.5 exactly there): also 4 per axis
        Grid coarse = Grid.axial(3, 3, 3, Vec3.ZERO, 4, 4, 4);
        byte[] d = new byte[27];
        d[coarse.index(1, 1, 1)] = 1;
        Mask m = new Mask(coarse, d);
        Grid fine = new CropGrid(12, 12, 12, 1, 1, 1).around(new Vec3(4, 4, 4), coarse);
        assertThat(new Resampler(0f, MaskInterpolation.NEAREST).resample(m, fine).count()).isEqualTo(64);
        // trilinear: product of three tents (1 - |d|/4) >= 0.5; e.g. offset (0.5, 0.5, 0.5) mm: 0.875^3 = 0.67 inside,
        // (1.5, 1.5, 1.5): 0.625^3 = 0.24 outside, (1.5, 0.5, 0.5): 0.625 * 0.766 = 0.48 outside: only the central
        // 2 x 2 x 2 block plus points like (0.5, 0.5, 1.5): 0.766 * 0.625 = 0.479 outside: 8 voxels
        assertThat(new Resampler(0f, MaskInterpolation.LINEAR).resample(m, fine).count()).isEqualTo(8);
    }

    @Test
    void aTargetOutsideTheSourceIsAllOutside() {
        Grid src = Grid.axial(4, 4, 4, Vec3.ZERO, 1, 1, 1);
        Grid far = Grid.axial(3, 3, 3, new Vec3(100, 0, 0), 1, 1, 1);
        assertThat(new Resampler(-1024f).resample(Volume.filled(src, 5f), far).data()).containsOnly(-1024f);
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 1);
        assertThat(new Resampler(0f).resample(new Mask(src, ones), far).count()).isZero();
        assertThatThrownBy(() -> new Resampler(Float.NaN)).hasMessageContaining("outsideValue must be finite");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GridTest {

    private static final double THIRD = 1.0 / 3, TWO_THIRDS = 2.0 / 3;

    /** name, grid, a voxel index (i, j, k) and its hand-computed centre. */
    static Stream<Arguments> orientations() {
        return Stream.of(
                // axial head first: (-250, -200, -100) + (10*0.9, 20*0.9, 3*2.5) = (-241, -182, -92.5)
                Arguments.of("axial", new Grid(512, 512, 150, new Vec3(-250, -200, -100), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                        new Vec3(0, 0, 1), 0.9, 0.9, 2.5), new Vec3(10, 20, 3), new Vec3(-241, -182, -92.5)),
                // axial feet first, slices towards -z: (1*1, 2*1, -4*3) = (1, 2, -12)
                Arguments.of("feet-first", new Grid(4, 4, 8, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1),
                        1, 1, 3), new Vec3(1, 2, 4), new Vec3(1, 2, -12)),
                // sagittal: rows along +y (0.5 mm), columns along -z (2 mm), slices along +x (4 mm; the opposite of
                // rowDir x colDir = (-1, 0, 0)): (10 + 5*4, 20 + 2*0.5, 30 - 3*2) = (30, 21, 24)
                Arguments.of("sagittal", new Grid(64, 64, 20, new Vec3(10, 20, 30), new Vec3(0, 1, 0), new Vec3(0, 0, -1),
                        new Vec3(1, 0, 0), 0.5, 2, 4), new Vec3(2, 3, 5), new Vec3(30, 21, 24)),
                // oblique: row (2,2,1)/3, col (-2,1,2)/3, slice = row x col = (1,-2,2)/3; spacing 1.5, 2, 3;
                // (5,-5,10) + 3*(2,2,1)/3 + 6*(-2,1,2)/3 + 3*(1,-2,2)/3 = (5,-5,10)+(2,2,1)+(-4,2,4)+(1,-2,2) = (4,-3,17)
                Arguments.of("oblique", new Grid(10, 10, 10, new Vec3(5, -5, 10), new Vec3(TWO_THIRDS, TWO_THIRDS, THIRD),
                        new Vec3(-TWO_THIRDS, THIRD, TWO_THIRDS), new Vec3(THIRD, -TWO_THIRDS, TWO_THIRDS), 1.5, 2, 3),
                        new Vec3(2, 3, 1), new Vec3(4, -3, 17)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orientations")
    void worldIsTheHandComputedCentreAndToIndexInvertsIt(String name, Grid g, Vec3 ijk, Vec3 expected) {
        Vec3 w = g.world(ijk.x(), ijk.y(), ijk.z());
        assertThat(w.distance(expected)).isLessThan(1e-9);
        assertThat(g.toIndex(w).distance(ijk)).isLessThan(1e-9);
        // origin is the centre of voxel (0,0,0)
        assertThat(g.world(0, 0, 0)).isEqualTo(g.origin());
        // continuous indices round-trip too, both ways
        for (double[] c : new double[][] {{-0.5, 0.25, 7.75}, {3.3, -2.1, 0.5}, {g.nx() - 0.5, g.ny() - 0.5, g.nz() - 0.5}}) {
            assertThat(g.toIndex(g.world(c[0], c[1], c[2])).distance(new Vec3(c[0], c[1], c[2]))).isLessThan(1e-9);
        }
        Vec3 p = new Vec3(-17.25, 33.5, 101.125);
        Vec3 q = g.toIndex(p);
        assertThat(g.world(q.x(), q.y(), q.z()).distance(p)).isLessThan(1e-9);
    }

    @Test
    void stepsAlongEachAxisAreTheSpacingAlongItsDirection() {
        Grid g = orientations().map(a -> (Grid) a.get()[1]).filter(x -> x.sx() == 1.5).findFirst().orElseThrow();
        Vec3 o = g.world(1, 1, 1);
        assertThat(g.world(2, 1, 1).minus(o).distance(g.rowDir().times(1.5))).isLessThan(1e-12);
        assertThat(g.world(1, 2, 1).minus(o).distance(g.colDir().times(2))).isLessThan(1e-12);
        assertThat(g.world(1, 1, 2).minus(o).distance(g.sliceDir().times(3))).isLessThan(1e-12);
    }

    @Test
    void limitedPrecisionOrientationStillRoundTripsExactly() {
        // ImageOrientationPatient written with 5 decimals, as some scanners do: orthonormal only to ~1e-5
        Grid g = new Grid(8, 8, 8, new Vec3(1, 2, 3), new Vec3(0.99999, 0.00436, 0), new Vec3(-0.00436, 0.99999, 0),
                new Vec3(0, 0, 1), 0.7, 0.7, 1.25);
        Vec3 p = g.world(3.5, -1, 6);
        assertThat(g.toIndex(p).distance(new Vec3(3.5, -1, 6))).isLessThan(1e-12);
    }

    @Test
    void layoutIsColumnFastest() {
        Grid g = Grid.axial(3, 4, 5, Vec3.ZERO, 1, 1, 1);
        // i + nx*(j + ny*k) = 2 + 3*(1 + 4*2) = 29
        assertThat(g.index(2, 1, 2)).isEqualTo(29);
        assertThat(g.size()).isEqualTo(60);
        assertThat(g.contains(2, 3, 4)).isTrue();
        assertThat(g.contains(3, 0, 0)).isFalse();
        assertThat(g.contains(0, -1, 0)).isFalse();
        assertThat(Grid.axial(2, 2, 2, Vec3.ZERO, 0.5, 2, 3).voxelVolumeMm3()).isEqualTo(3.0);
        // centre of a 3 x 4 x 5 grid of 1 mm at the origin: (1, 1.5, 2)
        assertThat(g.centre()).isEqualTo(new Vec3(1, 1.5, 2));
    }

    static Stream<Arguments> invalid() {
        Vec3 x = new Vec3(1, 0, 0);
        Vec3 y = new Vec3(0, 1, 0);
        Vec3 z = new Vec3(0, 0, 1);
        return Stream.of(
                Arguments.of((Runnable) () -> new Grid(0, 1, 1, Vec3.ZERO, x, y, z, 1, 1, 1), "at least 1"),
                Arguments.of((Runnable) () -> new Grid(1, 1, 1, Vec3.ZERO, new Vec3(1.2, 0, 0), y, z, 1, 1, 1),
                        "rowDir must have unit length"),
                Arguments.of((Runnable) () -> new Grid(1, 1, 1, Vec3.ZERO, x, new Vec3(0.1, 0.995, 0), z, 1, 1, 1),
                        "rowDir (1.0, 0.0, 0.0) and colDir"),
                Arguments.of((Runnable) () -> new Grid(1, 1, 1, Vec3.ZERO, x, y, new Vec3(0, 1, 0), 1, 1, 1),
                        "colDir (0.0, 1.0, 0.0) and sliceDir"),
                Arguments.of((Runnable) () -> new Grid(1, 1, 1, Vec3.ZERO, x, y, z, 1, -0.5, 1), "sy must be a positive"),
                Arguments.of((Runnable) () -> new Grid(1, 1, 1, Vec3.ZERO, x, y, z, 1, 1, Double.NaN), "sz must be a positive"),
                Arguments.of((Runnable) () -> new Grid(100_000, 100_000, 1, Vec3.ZERO, x, y, z, 1, 1, 1), "too large"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidGridsAreRejectedNamingTheBadValue(Runnable make, String message) {
        assertThatThrownBy(make::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void equalGridsAreEqual() {
        assertThat(Grid.axial(2, 3, 4, new Vec3(1, 2, 3), 1, 1, 2)).isEqualTo(Grid.axial(2, 3, 4, new Vec3(1, 2, 3), 1, 1, 2))
                .hasSameHashCodeAs(Grid.axial(2, 3, 4, new Vec3(1, 2, 3), 1, 1, 2))
                .isNotEqualTo(Grid.axial(2, 3, 4, new Vec3(1, 2, 3), 1, 1, 2.5));
        assertThat(new Vec3(1, 2, 3).cross(new Vec3(4, 5, 6))).isEqualTo(new Vec3(-3, 6, -3));
        assertThat(new Vec3(3, 4, 0).norm()).isCloseTo(5, within(1e-15));
    }
}

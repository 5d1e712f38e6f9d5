/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static io.segsurv.imaging.Phantoms.rectangle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContourRasterizerTest {

    /**
     * Anisotropic axial grid: 40 x 20 x 5 voxels of 0.5 x 2 x 3 mm at the origin, so voxel centres are
     * x = 0.5 i, y = 2 j, z = 3 k.
     */
    static final Grid G = Grid.axial(40, 20, 5, Vec3.ZERO, 0.5, 2, 3);

    /** x in (2.25, 7.25): i = 5..14 (10); y in (3, 13): j = 2..6 (5); on slice k = 2 (z = 6). */
    static final Contour OUTER = rectangle(2.25, 3, 7.25, 13, 6);
    /** x in (3.75, 5.75): i = 8..11 (4); y in (5, 9): j = 3..4 (2), drawn clockwise. */
    static final Contour HOLE = Contour.ofDicom(3.75, 5, 6, 3.75, 9, 6, 5.75, 9, 6, 5.75, 5, 6);

    static Stream<Arguments> shapes() {
        return Stream.of(
                // 10 x 5 = 50 voxels
                Arguments.of("square", List.of(OUTER), 50),
                // 50 - 4 x 2 = 42, whichever order the contours come in
                Arguments.of("square with hole", List.of(OUTER, HOLE), 42),
                Arguments.of("hole listed first", List.of(HOLE, OUTER), 42),
                // two overlapping squares XOR: second is x in (4.75, 9.75): i = 10..19 (10), same rows;
                // overlap i = 10..14 (5 x 5 = 25); 50 + 50 - 2 * 25 = 50
                Arguments.of("overlap cancels", List.of(OUTER, rectangle(4.75, 3, 9.75, 13, 6)), 50),
                // a point 0.4 mm off the plane is still on slice 2 (tolerance 1.5 mm)
                Arguments.of("nearly planar", List.of(Contour.ofDicom(2.25, 3, 6.4, 7.25, 3, 6, 7.25, 13, 5.8, 2.25, 13, 6)), 50),
                // corners exactly on voxel centres, i = 2..6 (x 1..3) and j = 1..4 (y 2..8): low sides in,
                // high sides out, so i = 2..5 (4) by j = 1..3 (3) = 12
                Arguments.of("boundary convention", List.of(rectangle(1, 2, 3, 8, 6)), 12),
                // right triangle (0.25, 1) - (10.25, 1) - (0.25, 21) mm, i.e. i 0.5..20.5 and j 0.5..10.5;
                // rows j = 1..10: at row j (y = 2j) the hypotenuse is at
                // x = 10.25 - (2j - 1) / 2, so i < 20.5 - (2j - 1) = 21.5 - 2j, i >= 1: count = 21 - 2j for
                // j = 1..9 (sum 19 + 17 + ... + 3 = 99) and j = 10: 21.5 - 20 = 1.5 -> i = 1: 1; total 100
                Arguments.of("triangle", List.of(Contour.ofDicom(0.25, 1, 6, 10.25, 1, 6, 0.25, 21, 6)), 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void fillsByEvenOddOnAnAnisotropicGrid(String name, List<Contour> contours, int expected) {
        Rasterization r = new ContourRasterizer().rasterize(new Roi("GTV", contours), G);
        assertThat(r.mask().count()).isEqualTo(expected);
        assertThat(r.warnings()).isEmpty();
        // everything on slice 2
        for (int k : new int[] {0, 1, 3, 4}) {
            for (int j = 0; j < G.ny(); j++) {
                for (int i = 0; i < G.nx(); i++) {
                    assertThat(r.mask().isSet(i, j, k)).isFalse();
                }
            }
        }
    }

    @Test
    void holeVoxelsAreOutsideAndTheRingInside() {
        Mask m = new ContourRasterizer().rasterize(new Roi("GTV", List.of(OUTER, HOLE)), G).mask();
        assertThat(m.isSet(5, 2, 2)).isTrue(); // corner of the outer square
        assertThat(m.isSet(14, 6, 2)).isTrue();
        assertThat(m.isSet(4, 2, 2)).isFalse(); // just left of it
        assertThat(m.isSet(8, 3, 2)).isFalse(); // in the hole
        assertThat(m.isSet(11, 4, 2)).isFalse();
        assertThat(m.isSet(12, 4, 2)).isTrue(); // right of the hole
        assertThat(Masks.volumeMm3(m)).isEqualTo(42 * 0.5 * 2 * 3);
    }

    @Test
    void sagittalGridRasterisesInItsOwnPlanes() {
        // rows along +y (1 mm), columns along -z (2 mm), slices along +x (1 mm), origin 0: centre of (i,j,k) is
        // (k, i, -2j). A square at x = 3 (slice 3) with y in (2.5, 7.5): i = 3..7 (5) and z in (-9, -3):
        // j in (1.5, 4.5) = 2..4 (3): 15 voxels
        Grid g = new Grid(20, 10, 5, Vec3.ZERO, new Vec3(0, 1, 0), new Vec3(0, 0, -1), new Vec3(1, 0, 0), 1, 2, 1);
        Contour c = Contour.ofDicom(3, 2.5, -9, 3, 7.5, -9, 3, 7.5, -3, 3, 2.5, -3);
        Mask m = new ContourRasterizer().rasterize(new Roi("GTV", List.of(c)), g).mask();
        assertThat(m.count()).isEqualTo(15);
        assertThat(m.isSet(3, 2, 3)).isTrue();
        assertThat(m.isSet(7, 4, 3)).isTrue();
        assertThat(m.isSet(8, 4, 3)).isFalse();
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                // z = 30 mm is slice 10 of 0..4
                Arguments.of("slice outside", rectangle(2.25, 3, 7.25, 13, 30), "contour 2 of 2 lies at slice position 10.00, outside the image's slices 0..4"),
                // x from 100 mm: columns 200..220 of 0..39
                Arguments.of("in-plane outside", rectangle(100, 3, 110, 13, 9), "contour 2 of 2 on slice 3 lies outside the image in-plane"),
                Arguments.of("non planar", Contour.ofDicom(2, 3, 9, 7, 3, 9, 7, 13, 12, 2, 13, 12),
                        "contour 2 of 2 is not in a slice plane of the image: its points span 3.00 mm"),
                Arguments.of("two points", Contour.ofDicom(2, 3, 9, 7, 3, 9), "contour 2 of 2 has only 2 points; skipped"),
                // x up to 25 mm passes the edge of the last column's footprint, 19.75 mm
                Arguments.of("clipped", rectangle(15.25, 3, 25, 13, 9), "contour 2 of 2 on slice 3 extends beyond the image edge"),
                // too small to hold a voxel centre: x in (2.3, 2.4)
                Arguments.of("tiny", rectangle(2.3, 3, 2.4, 13, 9), "contour 2 of 2 on slice 3 encloses no voxel centre"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void problemsAreReportedAndTheRestIsKept(String name, Contour bad, String warning) {
        Rasterization r = new ContourRasterizer().rasterize(new Roi("GTV", List.of(OUTER, bad)), G);
        assertThat(r.warnings()).anyMatch(w -> w.contains("ROI 'GTV' " + warning));
        if (name.equals("clipped")) {
            // x in (15.25, 25) on slice 3: i = 31..39 (9 columns; 40..49 are outside the image), j = 2..6: 45 more
            assertThat(r.mask().count()).isEqualTo(50 + 45);
            assertThat(r.contoursUsed()).isEqualTo(2);
        } else {
            assertThat(r.mask().count()).isEqualTo(50);
            assertThat(r.contoursUsed()).isEqualTo(1);
        }
        assertThat(r.warnings()).hasSize(1);
    }

    @Test
    void betweenPlanesIsReportedWithAStricterTolerance() {
        // z = 7.5 mm is slice position 2.5: 1.5 mm from slice 3, beyond a tolerance of 0.25 x 3 = 0.75 mm
        Rasterization r = new ContourRasterizer(0.25).rasterize(new Roi("GTV", List.of(OUTER, rectangle(2.25, 3, 7.25, 13, 7.5))), G);
        assertThat(r.warnings()).singleElement().asString().contains("contour 2 of 2 lies between slices (1.50 mm from slice 3");
        assertThat(r.mask().count()).isEqualTo(50);
    }

    @Test
    void contoursOfDifferentPlanesOnOneSliceAreFlagged() {
        // z = 6 and z = 7 both round to slice 2 (tolerance 1.5 mm) but are 1 mm apart: drawn on another grid
        Rasterization r = new ContourRasterizer().rasterize(new Roi("GTV", List.of(OUTER, rectangle(10.25, 3, 12.25, 13, 7))), G);
        assertThat(r.warnings()).singleElement().asString().contains("contours 1 and 2 both match slice 2 but lie 1.00 mm apart");
    }

    @Test
    void emptyRoiAndRoiOutsideTheImageAreErrors() {
        ContourRasterizer r = new ContourRasterizer();
        assertThatThrownBy(() -> r.rasterize(new Roi("GTV", List.of()), G))
                .isInstanceOf(ImagingException.class).hasMessage("ROI 'GTV' has no contours");
        assertThatThrownBy(() -> r.rasterize(new Roi("GTVp", List.of(rectangle(2.25, 3, 7.25, 13, -30))), G))
                .isInstanceOf(ImagingException.class)
                .hasMessageContaining("ROI 'GTVp' covers no voxel of the image: ROI 'GTVp' contour 1 of 1 lies at slice position -10.00");
        assertThatThrownBy(() -> new ContourRasterizer(0.6)).hasMessageContaining("planeTolerance must be in (0, 0.5]");
    }

    @Test
    void sphereContoursGiveTheSphereVolume() {
        // 2 mm slices and 0.5 mm pixels: r = 10 mm, 4/3 pi r^3 = 4188.8 mm^3; slices every 2 mm through the
        // centre sum pi (r^2 - z^2) 2 over z = -8..8 step 2 = 2 pi (9*100 - 2*(4+16+36+64)) = 2 pi 660 = 4146.9
        Grid g = Grid.axial(60, 60, 20, new Vec3(-15, -15, -20), 0.5, 0.5, 2);
        Roi roi = Phantoms.sphereContours("GTV", g, new Vec3(0.1, -0.2, 0), 10, 256);
        Mask m = new ContourRasterizer().rasterize(roi, g).mask();
        assertThat(Masks.volumeMm3(m)).isCloseTo(2 * Math.PI * 660, withinPercentage(1));
    }
}

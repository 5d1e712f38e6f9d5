/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slice ordering and geometry checks, on instances built directly (no files needed). */
class ImageSeriesTest {

    static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

    static DicomInstance slice(String name, double x, double y, double z, double[] iop) {
        return new DicomInstance(name, "1.2.3." + name.hashCode(), "1.2.840.10008.5.1.4.1.1.2", "CT", "1.2", "1.2.3", "9.9", "P", "N",
                0, new double[] {x, y, z}, iop, new double[] {0.8, 0.8}, 512, 512, "1.2.840.10008.1.2.1", null);
    }

    @Test
    void ordersByPositionAlongTheNormalNotByNameOrInstanceNumber() {
        List<DicomInstance> shuffled = new ArrayList<>(List.of(slice("c", 0, 0, -5, AXIAL), slice("a", 0, 0, 5, AXIAL),
                slice("b", 0, 0, 0, AXIAL), slice("d", 0, 0, -2.5, AXIAL), slice("e", 0, 0, 2.5, AXIAL)));
        ImageSeries s = ImageSeries.of(shuffled);
        assertThat(s.slices()).extracting(DicomInstance::source).containsExactly("c", "d", "b", "e", "a");
        assertThat(s.spacing()).isEqualTo(2.5);
        assertThat(s.problems()).isEmpty();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void feetFirstSagittalAndObliqueSeriesAreOrderedAlongTheirOwnNormal() {
        double[] sagittal = {0, 1, 0, 0, 0, -1}; // normal = row x col = (-1, 0, 0)
        ImageSeries s = ImageSeries.of(List.of(slice("x10", 10, 0, 0, sagittal), slice("x0", 0, 0, 0, sagittal), slice("x5", 5, 0, 0, sagittal)));
        assertThat(s.normal()).containsExactly(-1, 0, 0);
        assertThat(s.slices()).extracting(DicomInstance::source).containsExactly("x10", "x5", "x0");
        double c = Math.cos(Math.toRadians(30));
        double sn = Math.sin(Math.toRadians(30));
        double[] oblique = {1, 0, 0, 0, c, sn}; // normal = (0, -sn, c)
        ImageSeries o = ImageSeries.of(List.of(slice("k2", 0, -2 * sn * 3, 2 * c * 3, oblique), slice("k0", 0, 0, 0, oblique),
                slice("k1", 0, -sn * 3, c * 3, oblique)));
        assertThat(o.slices()).extracting(DicomInstance::source).containsExactly("k0", "k1", "k2");
        assertThat(o.spacing()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void reportsMissingAndDuplicateSlicesNonUniformSpacingAndGantryTilt() {
        ImageSeries missing = ImageSeries.of(List.of(slice("s0", 0, 0, 0, AXIAL), slice("s1", 0, 0, 2, AXIAL), slice("s2", 0, 0, 4, AXIAL),
                slice("s5", 0, 0, 10, AXIAL), slice("s6", 0, 0, 12, AXIAL)));
        assertThat(missing.warnings()).singleElement().asString().contains("2 missing slice(s) between s2 and s5");
        ImageSeries duplicate = ImageSeries.of(List.of(slice("s0", 0, 0, 0, AXIAL), slice("s0b", 0, 0, 0, AXIAL), slice("s1", 0, 0, 2, AXIAL)));
        assertThat(duplicate.slices()).hasSize(2);
        assertThat(duplicate.warnings()).singleElement().asString().contains("duplicate slice at 0.0 mm");
        ImageSeries uneven = ImageSeries.of(List.of(slice("s0", 0, 0, 0, AXIAL), slice("s1", 0, 0, 2, AXIAL), slice("s2", 0, 0, 4, AXIAL),
                slice("s3", 0, 0, 5, AXIAL)));
        assertThat(uneven.warnings()).singleElement().asString().contains("non-uniform slice spacing (1.00 mm between s2 and s3");
        // positions move along y while the planes are axial: a tilted gantry (10 degrees)
        double t = Math.tan(Math.toRadians(10)) * 2;
        ImageSeries tilted = ImageSeries.of(List.of(slice("s0", 0, 0, 0, AXIAL), slice("s1", 0, t, 2, AXIAL), slice("s2", 0, 2 * t, 4, AXIAL)));
        assertThat(tilted.warnings()).singleElement().asString().contains("gantry tilt of 10.00 degrees");
    }

    @Test
    void mixedOrientationsAreFatal() {
        double[] coronal = {1, 0, 0, 0, 0, -1};
        ImageSeries mixed = ImageSeries.of(List.of(slice("a", 0, 0, 0, AXIAL), slice("b", 0, 0, 2, coronal)));
        assertThat(mixed.problems()).singleElement().asString().contains("mixed orientations (b differs from a)");
    }
}

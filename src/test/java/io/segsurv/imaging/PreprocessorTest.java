/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PreprocessorTest {

    /** Tumour: a sphere of radius 12 mm at C, 4/3 pi 12^3 = 7238.2 mm^3. */
    static final Vec3 C = new Vec3(3.1, -2.7, 4.3);
    static final double R = 12;
    static final double SPHERE_MM3 = 4.0 / 3 * Math.PI * R * R * R;

    /** CT: 64 x 64 x 40 voxels of 0.8 x 0.8 x 2.5 mm centred on the origin, head first or feet first. */
    static Grid ct(boolean feetFirst) {
        return new Grid(64, 64, 40, new Vec3(-25.2, -25.2, feetFirst ? 48.75 : -48.75), new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0, feetFirst ? -1 : 1), 0.8, 0.8, 2.5);
    }

    /** PET: 24 x 24 x 20 voxels of 4 mm, origin not aligned with the CT's: x covers -49.3 .. 46.7 mm. */
    static final Grid PET = Grid.axial(24, 24, 20, new Vec3(-47.3, -45.9, -38.1), 4, 4, 4);

    static final Preprocessor ENGINE = new Preprocessor(Preprocessor.Options.defaults());

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("head first, CT contour used for PET", false, false),
                Arguments.of("head first, PET contour on the PET grid", false, true),
                Arguments.of("feet first, PET contour on the PET grid", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endToEndOnSyntheticPetCt(String name, boolean feetFirst, boolean petContour) {
        Grid ctGrid = ct(feetFirst);
        // CT: soft tissue -100 HU, tumour 150 HU; PET: background SUV 1, tumour SUV 8
        Volume ctHu = Phantoms.sphere(ctGrid, C, R, 150f, -100f);
        Volume pet = Phantoms.sphere(PET, C, R, 8f, 1f);
        Roi ctRoi = Phantoms.sphereContours("GTV", ctGrid, C, R, 128);
        Roi petRoi = petContour ? Phantoms.sphereContours("GTV-PET", PET, C, R, 64) : null;

        PreprocessedCase c = ENGINE.run(ctHu, pet, ctRoi, petRoi);

        // centre of mass: the 2.5-mm slices through the sphere weight its centre 0.09 mm off in z; in-plane
        // discretisation at 0.8 mm adds less: within 0.5 mm
        assertThat(c.gtvCentre().distance(C)).isLessThan(0.5);
        // volume: the slices sum to 7221.5 mm^3 (99.8 % of the sphere); within 5 %
        assertThat(c.tumourVolumeCm3() * 1000).isCloseTo(SPHERE_MM3, withinPercentage(5));

        Grid g = c.grid();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(96, 96, 48);
        assertThat(new double[] {g.sx(), g.sy(), g.sz()}).containsExactly(1, 1, 1);
        assertThat(g.centre().distance(c.gtvCentre())).isLessThan(1e-9);
        assertThat(g.sliceDir()).isEqualTo(ctGrid.sliceDir());

        // SUVmax is the hot sphere's value; SUVmean inside the PET mask lies between background and tumour
        assertThat(c.suvMax()).isEqualTo(8.0);
        assertThat(c.suvMean()).isBetween(1.0, 8.0);
        if (petContour) {
            // the PET contour's voxel centres are (nearly) the sphere's own
            assertThat(c.suvMean()).isCloseTo(8.0, within(0.1));
        }
        assertThat(c.petVolumeCm3() * 1000).isCloseTo(SPHERE_MM3, withinPercentage(15));

        // scaled values next to the centre, voxel (48, 48, 24) at C + (0.5, 0.5, +-0.5): all interpolation
        // neighbours are tumour: CT (150 + 500) / 700 = 0.9285714, PET (8 - 0.01) / 19.99 = 0.3996998
        float[] ct = c.ct();
        float[] p = c.pet();
        int centre = g.index(48, 48, 24);
        assertThat((double) ct[centre]).isCloseTo(650.0 / 700, within(1e-6));
        assertThat((double) p[centre]).isCloseTo(7.99 / 19.99, within(1e-6));
        // soft tissue inside both images, voxel (48, 30, 24) at y = -2.7 + 0.5 - 18 = -20.2 mm (CT edge -25.6),
        // 17.5 mm from the tumour centre, so even the 4-mm PET neighbours (>= 13.5 mm away) are background:
        // CT (-100 + 500) / 700 = 0.5714286; PET (1 - 0.01) / 19.99 = 0.0495248
        int tissue = g.index(48, 30, 24);
        assertThat((double) ct[tissue]).isCloseTo(400.0 / 700, within(1e-6));
        assertThat((double) p[tissue]).isCloseTo(0.99 / 19.99, within(1e-6));
        // the crop reaches x = 3.1 + 47.5 = 50.6 mm, beyond the CT (edge 25.6) and the PET (edge 48.7): padding
        // -1024 HU and 0 SUV, both below their windows, scale to 0
        int beyond = g.index(95, 48, 24);
        assertThat(ct[beyond]).isZero();
        assertThat(p[beyond]).isZero();
        assertThat(c.warnings()).contains("CT: the crop extends beyond the CT image; padded with -1024.0 HU",
                "PET: the crop extends beyond the PET image; padded with 0.0 SUV");
        assertThat(c.warnings()).hasSize(2);

        // masks: the CT mask keeps the tumour's volume; the PET mask lies on it
        byte[] ctMask = c.ctMask();
        byte[] petMask = c.petMask();
        Mask ctM = new Mask(g, ctMask);
        Mask petM = new Mask(g, petMask);
        assertThat(Masks.volumeMm3(ctM)).isCloseTo(c.tumourVolumeCm3() * 1000, withinPercentage(3));
        assertThat(Masks.centreOfMass(ctM).distance(c.gtvCentre())).isLessThan(0.5);
        if (petContour) {
            assertThat(dice(ctMask, petMask)).isGreaterThan(0.8);
            assertThat(Masks.centreOfMass(petM).distance(Masks.centreOfMass(ctM))).isLessThan(1.0);
        } else {
            assertThat(petMask).isEqualTo(ctMask);
        }
        assertThat(ctMask[centre]).isEqualTo((byte) 1);
        assertThat(petMask[centre]).isEqualTo((byte) 1);
        assertThat(ctMask[tissue]).isZero();
        assertThat(petMask[tissue]).isZero();
    }

    static double dice(byte[] a, byte[] b) {
        long both = 0;
        long sum = 0;
        for (int n = 0; n < a.length; n++) {
            both += a[n] & b[n];
            sum += a[n] + b[n];
        }
        return 2.0 * both / sum;
    }

    @Test
    void ctOnlyCases() {
        Grid ctGrid = ct(false);
        PreprocessedCase c = ENGINE.run(Phantoms.sphere(ctGrid, C, R, 150f, -100f), null,
                Phantoms.sphereContours("GTV", ctGrid, C, R, 128), null);
        assertThat(c.hasPet()).isFalse();
        assertThat(c.pet()).isNull();
        assertThat(c.petMask()).isNull();
        assertThat(c.suvMax()).isNaN();
        assertThat(c.suvMean()).isNaN();
        assertThat(c.petVolumeCm3()).isNaN();
        assertThat(c.tumourVolumeCm3() * 1000).isCloseTo(SPHERE_MM3, withinPercentage(5));
    }

    @Test
    void aTumourLargerThanTheCropAndBadContoursAreReported() {
        Grid ctGrid = ct(false);
        Roi roi = Phantoms.sphereContours("GTV", ctGrid, C, R, 128);
        Roi withStray = new Roi("GTV", Stream.concat(roi.contours().stream(),
                Stream.of(Phantoms.rectangle(0, 0, 5, 5, 300))).toList());
        Preprocessor small = new Preprocessor(Preprocessor.Options.defaults().withCrop(new CropGrid(16, 16, 8, 1, 1, 1)));
        PreprocessedCase c = small.run(Phantoms.sphere(ctGrid, C, R, 150f, -100f), null, withStray, null);
        // the crop is 16 x 16 x 8 mm, the tumour 24 mm across: most of it is cut off
        assertThat(c.warnings()).anyMatch(w -> w.startsWith("CT: ") && w.contains("of the tumour")
                && w.contains("lies outside the 16x16x8 crop"));
        assertThat(c.warnings()).anyMatch(w -> w.startsWith("CT: ROI 'GTV' contour 11 of 11 lies at slice position"));
        assertThat(c.warnings()).noneMatch(w -> w.contains("extends beyond the CT image"));
        assertThatThrownBy(() -> ENGINE.run(Phantoms.sphere(ctGrid, C, R, 150f, -100f), null, new Roi("GTV", List.of()), null))
                .isInstanceOf(ImagingException.class).hasMessage("ROI 'GTV' has no contours");
    }

    @Test
    void optionsValidateThemselves() {
        Preprocessor.Options d = Preprocessor.Options.defaults();
        assertThat(d.crop()).isEqualTo(new CropGrid(96, 96, 48, 1, 1, 1));
        assertThat(d.ctWindow()).isEqualTo(new Intensity(-500, 200));
        assertThat(d.petWindow()).isEqualTo(new Intensity(0.01, 20));
        assertThatThrownBy(() -> new Preprocessor.Options(d.crop(), d.ctWindow(), d.petWindow(), -1024f, 0f, 0.7,
                MaskInterpolation.NEAREST)).hasMessageContaining("Options.planeTolerance must be in (0, 0.5] slice spacings, got 0.7");
        assertThatThrownBy(() -> new Preprocessor.Options(d.crop(), d.ctWindow(), d.petWindow(), Float.NaN, 0f, 0.5,
                MaskInterpolation.NEAREST)).hasMessageContaining("Options.ctOutside must be finite, got NaN");
        assertThatThrownBy(() -> new Preprocessor.Options(null, d.ctWindow(), d.petWindow(), -1024f, 0f, 0.5,
                MaskInterpolation.NEAREST)).hasMessageContaining("Options.crop");
    }
}

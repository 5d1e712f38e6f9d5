/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CropGridTest {

    @Test
    void aPaperCropIsCentredOnThePointWithTheReferenceOrientation() {
        Vec3 c = new Vec3(10, 20, 30);
        // axial: origin = c - (47.5, 47.5, 23.5) = (-37.5, -27.5, 6.5)
        Grid g = CropGrid.PAPER.around(c, Grid.axial(512, 512, 100, new Vec3(-250, -250, -300), 0.9, 0.9, 2.5));
        assertThat(g.origin()).isEqualTo(new Vec3(-37.5, -27.5, 6.5));
        assertThat(g.centre()).isEqualTo(c);
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(96, 96, 48);
        assertThat(new double[] {g.sx(), g.sy(), g.sz()}).containsExactly(1, 1, 1);
        // feet first: slices go towards -z, so the first slice is at 30 + 23.5 = 53.5
        Grid ff = new Grid(10, 10, 10, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 1, 1);
        Grid g2 = CropGrid.PAPER.around(c, ff);
        assertThat(g2.origin()).isEqualTo(new Vec3(-37.5, -27.5, 53.5));
        assertThat(g2.sliceDir()).isEqualTo(ff.sliceDir());
        // anisotropic odd crop: 5 x 4 x 3 of 2 x 1 x 0.5 mm: origin = c - (4, 1.5, 0.5)
        assertThat(new CropGrid(5, 4, 3, 2, 1, 0.5).around(c, ff).origin()).isEqualTo(new Vec3(6, 18.5, 30.5));
        assertThatThrownBy(() -> new CropGrid(96, 0, 48, 1, 1, 1)).hasMessageContaining("96 x 0 x 48");
        assertThatThrownBy(() -> new CropGrid(96, 96, 48, 1, 0, 1)).hasMessageContaining("1.0 x 0.0 x 1.0 mm");
    }

    @Test
    void cropAtTheImageBorderIsPaddedWithTheOutsideValue() {
        // a 20 x 20 x 10 CT of 1 mm at the origin, all 100 HU; an 8 x 8 x 4 crop centred at index (0.2, 0.2, 0.2):
        // its centres sit at 0.2 + (-3.5 .. 3.5) in-plane, i.e. -3.3, -2.3, -1.3, -0.3, 0.7, ..., 3.7, of which
        // 5 are within the image's footprint (>= -0.5); along z 0.2 + (-1.5 .. 1.5): -1.3, -0.3, 0.7, 1.7, 3 inside.
        // So 5 x 5 x 3 = 75 voxels keep 100 HU and 256 - 75 = 181 are padded with -1024 HU.
        Grid ct = Grid.axial(20, 20, 10, Vec3.ZERO, 1, 1, 1);
        Grid crop = new CropGrid(8, 8, 4, 1, 1, 1).around(new Vec3(0.2, 0.2, 0.2), ct);
        float[] v = new Resampler(-1024f).resample(Volume.filled(ct, 100f), crop).data();
        int inside = 0;
        int padded = 0;
        for (float f : v) {
            if (f == 100f) {
                inside++;
            } else if (f == -1024f) {
                padded++;
            }
        }
        assertThat(inside).isEqualTo(75);
        assertThat(padded).isEqualTo(181);
        // the first voxel of the crop (-3.3, -3.3, -1.3) is padding, the last (3.7, 3.7, 1.7) is image
        assertThat(v[0]).isEqualTo(-1024f);
        assertThat(v[v.length - 1]).isEqualTo(100f);
    }

    @Test
    void centreOfMassAndVolumeOfAMask() {
        // voxels (1,1,1) and (3,1,1) on a grid of 2 x 1 x 1 mm at (10, 0, 0): mean index (2, 1, 1) -> (14, 1, 1)
        Grid g = Grid.axial(5, 3, 3, new Vec3(10, 0, 0), 2, 1, 1);
        byte[] d = new byte[g.size()];
        d[g.index(1, 1, 1)] = 1;
        d[g.index(3, 1, 1)] = 1;
        Mask m = new Mask(g, d);
        assertThat(Masks.centreOfMass(m)).isEqualTo(new Vec3(14, 1, 1));
        assertThat(Masks.volumeMm3(m)).isEqualTo(4.0);
        // oblique grid: the mean of the world centres of three voxels
        Grid o = ResamplerTest.rotated(9, 9, 9, new Vec3(1, 2, 3), 20, 30, 40, true, 1.5, 2, 3);
        byte[] e = new byte[o.size()];
        int[][] vox = {{0, 0, 0}, {8, 1, 2}, {3, 7, 8}};
        Vec3 sum = Vec3.ZERO;
        for (int[] x : vox) {
            e[o.index(x[0], x[1], x[2])] = 1;
            sum = sum.plus(o.world(x[0], x[1], x[2]));
        }
        assertThat(Masks.centreOfMass(new Mask(o, e)).distance(sum.times(1.0 / 3))).isLessThan(1e-9);
        assertThatThrownBy(() -> Masks.centreOfMass(Mask.empty(g))).isInstanceOf(ImagingException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new Mask(g, new byte[3])).hasMessageContaining("3 values but the grid 5 x 3 x 3 has 45");
        byte[] two = new byte[g.size()];
        two[44] = 2;
        assertThatThrownBy(() -> new Mask(g, two)).hasMessageContaining("found 2 at index 44");
    }
}

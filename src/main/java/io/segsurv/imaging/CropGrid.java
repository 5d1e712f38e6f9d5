/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Objects;

/**
 * The shape of a crop: {@code nx x ny x nz} voxels of {@code sx x sy x sz} mm. {@link #around}
 * places it on a point with a reference grid's orientation; the paper crops 96 x 96 x 48 voxels
 * of 1 mm around the tumour's centre of mass (METHOD.md section 2).
 */
public record CropGrid(int nx, int ny, int nz, double sx, double sy, double sz) {

    /** 96 x 96 x 48 voxels of 1 x 1 x 1 mm. */
    public static final CropGrid PAPER = new CropGrid(96, 96, 48, 1, 1, 1);

    public CropGrid {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("CropGrid size must be at least 1 in every direction, got "
                    + nx + " x " + ny + " x " + nz);
        }
        for (double s : new double[] {sx, sy, sz}) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("CropGrid spacing must be positive and finite, got "
                        + sx + " x " + sy + " x " + sz + " mm");
            }
        }
    }

    /**
     * The grid of this shape whose centre ({@link Grid#centre()}, the midpoint between the two
     * middle voxels when a size is even) is {@code centre}, with the directions of
     * {@code reference} (so its axes stay aligned with the reference image's, slice order included).
     */
    public Grid around(Vec3 centre, Grid reference) {
        Objects.requireNonNull(centre, "centre");
        Vec3 origin = centre
                .minus(reference.rowDir().times((nx - 1) / 2.0 * sx))
                .minus(reference.colDir().times((ny - 1) / 2.0 * sy))
                .minus(reference.sliceDir().times((nz - 1) / 2.0 * sz));
        return new Grid(nx, ny, nz, origin, reference.rowDir(), reference.colDir(), reference.sliceDir(), sx, sy, sz);
    }
}

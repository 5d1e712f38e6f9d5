/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.transforms;

import io.segsurv.segmentation.SeededRandom;
import java.util.Objects;

/**
 * Random spatial augmentation of a case (image channels and mask alike): draws a
 * {@link SpatialTransform} within {@link AugmentationOptions} from a {@link SeededRandom}, so the
 * same generator state gives the same transform. The draws are, in this order: flip x, y, z (each
 * only when enabled), rotation about x, y, z, shift along x, y, z.
 */
public final class SpatialAugmentation {

    private final AugmentationOptions options;
    private final int nx;
    private final int ny;
    private final int nz;

    public SpatialAugmentation(AugmentationOptions options, int nx, int ny, int nz) {
        this.options = Objects.requireNonNull(options, "options");
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    public SpatialTransform sample(SeededRandom random) {
        if (!options.enabled()) {
            return new SpatialTransform(SpatialTransform.Parameters.IDENTITY, nx, ny, nz);
        }
        boolean fx = options.flipX() && random.nextBoolean();
        boolean fy = options.flipY() && random.nextBoolean();
        boolean fz = options.flipZ() && random.nextBoolean();
        double r = options.maxRotationDegrees();
        double rx = random.nextSymmetric(r);
        double ry = random.nextSymmetric(r);
        double rz = random.nextSymmetric(r);
        double s = options.maxShift();
        double sx = random.nextSymmetric(s * nx);
        double sy = random.nextSymmetric(s * ny);
        double sz = random.nextSymmetric(s * nz);
        return new SpatialTransform(new SpatialTransform.Parameters(fx, fy, fz, rx, ry, rz, sx, sy, sz), nx, ny, nz);
    }
}

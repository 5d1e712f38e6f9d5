/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.transforms;

/**
 * Ranges of the random spatial augmentation (METHOD.md section 3: translation, rotation, flips).
 *
 * @param maxShift largest translation along each axis as a fraction of that axis's size (0.1 =
 *     up to 9.6 voxels of 96), drawn uniformly in {@code [-maxShift, maxShift)}
 * @param maxRotationDegrees largest rotation about each of the three axes, uniform in
 *     {@code [-max, max)}; small angles, any value, resampled (not only multiples of 90)
 * @param flipX mirror along x with probability 1/2
 * @param flipY mirror along y with probability 1/2
 * @param flipZ mirror along z with probability 1/2
 */
public record AugmentationOptions(double maxShift, double maxRotationDegrees, boolean flipX, boolean flipY, boolean flipZ) {

    /** Up to 10 % translation, 10 degrees about each axis, flips along every axis. */
    public static final AugmentationOptions DEFAULT = new AugmentationOptions(0.1, 10, true, true, true);

    /** No augmentation: every case as it is. */
    public static final AugmentationOptions NONE = new AugmentationOptions(0, 0, false, false, false);

    public AugmentationOptions {
        if (!(maxShift >= 0 && maxShift <= 0.5)) {
            throw new IllegalArgumentException("maxShift must be a fraction between 0 and 0.5 of the size, got " + maxShift);
        }
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
            throw new IllegalArgumentException("maxRotationDegrees must be between 0 and 180, got " + maxRotationDegrees);
        }
    }

    /** Whether these options change anything. */
    public boolean enabled() {
        return maxShift > 0 || maxRotationDegrees > 0 || flipX || flipY || flipZ;
    }
}

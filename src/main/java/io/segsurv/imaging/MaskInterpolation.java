/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

/** How {@link Resampler} carries a binary mask onto another grid. */
public enum MaskInterpolation {
    /**
     * The source voxel whose footprint contains the target centre (ties, a centre exactly on a
     * voxel boundary, go to the higher index). Keeps the mask's voxels as they are: a box keeps
     * its volume to within one target voxel layer per face, but a coarse mask stays blocky.
     */
    NEAREST,
    /**
     * Trilinear interpolation of the 0/1 values, then inside where the result is at least 0.5.
     * Smoother when a coarse mask (e.g. 4-mm PET) is carried onto a fine grid.
     */
    LINEAR
}

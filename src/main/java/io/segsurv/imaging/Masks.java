/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

/** Measurements of a {@link Mask} in patient coordinates. */
public final class Masks {

    private Masks() {
    }

    /**
     * The centre of mass of the mask's voxels in patient coordinates (mm): the mean of the voxel
     * centres, each weighted by its volume (all voxels of a grid have the same volume). Since the
     * grid's index-to-world map is affine, this is the world position of the mean index.
     *
     * @throws ImagingException if the mask is empty
     */
    public static Vec3 centreOfMass(Mask mask) {
        Grid g = mask.grid();
        byte[] d = mask.data();
        int nx = g.nx();
        int plane = nx * g.ny();
        long count = 0;
        double si = 0;
        double sj = 0;
        double sk = 0;
        int n = 0;
        int end = d.length - 7;
        while (n < d.length) {
            if (n < end && Bytes.zeroWord(d, n)) {
                n += 8;
                continue;
            }
            if (d[n] != 0) {
                int k = n / plane;
                int r = n - k * plane;
                int j = r / nx;
                si += r - j * nx;
                sj += j;
                sk += k;
                count++;
            }
            n++;
        }
        if (count == 0) {
            throw new ImagingException("the mask is empty: it has no centre of mass");
        }
        return g.world(si / count, sj / count, sk / count);
    }

    /** The volume inside the mask in mm^3 (voxel count times voxel volume). */
    public static double volumeMm3(Mask mask) {
        return mask.count() * mask.grid().voxelVolumeMm3();
    }
}

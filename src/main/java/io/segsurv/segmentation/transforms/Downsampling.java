/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.transforms;

/**
 * Halving a volume in every dimension (x fastest, {@code x + nx * (y + ny * z)}): intensities by the
 * mean of each 2 x 2 x 2 block, masks by the majority of the block (at least half of its voxels).
 * Used to train the reduced networks on the 1 mm pre-processed crop at 2 mm.
 */
public final class Downsampling {

    private Downsampling() {
    }

    /** Block means of one or more channels of {@code nx x ny x nz} (dimensions even). */
    public static float[] image(float[] volume, int nx, int ny, int nz) {
        int channel = nx * ny * nz;
        check(volume.length % channel == 0, "volume has " + volume.length + " values, not whole channels of " + nx + "x" + ny + "x" + nz);
        check(nx % 2 == 0 && ny % 2 == 0 && nz % 2 == 0, "dimensions must be even, got " + nx + "x" + ny + "x" + nz);
        int channels = volume.length / channel;
        int hx = nx / 2;
        int hy = ny / 2;
        int hz = nz / 2;
        float[] out = new float[channels * hx * hy * hz];
        for (int c = 0; c < channels; c++) {
            for (int z = 0; z < hz; z++) {
                for (int y = 0; y < hy; y++) {
                    for (int x = 0; x < hx; x++) {
                        double s = 0;
                        for (int dz = 0; dz < 2; dz++) {
                            for (int dy = 0; dy < 2; dy++) {
                                int row = c * channel + (2 * x) + nx * ((2 * y + dy) + ny * (2 * z + dz));
                                s += volume[row] + volume[row + 1];
                            }
                        }
                        out[c * hx * hy * hz + x + hx * (y + hy * z)] = (float) (s / 8);
                    }
                }
            }
        }
        return out;
    }

    /** Majority of each block of a 0/1 mask: 1 when at least 4 of its 8 voxels are set. */
    public static float[] mask(float[] mask, int nx, int ny, int nz) {
        float[] mean = image(mask, nx, ny, nz);
        for (int i = 0; i < mean.length; i++) {
            mean[i] = mean[i] >= 0.5f ? 1f : 0f;
        }
        return mean;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Resamples a {@link Volume} (trilinear) or a {@link Mask} ({@link MaskInterpolation}) onto any
 * target {@link Grid}, through patient coordinates: source and target may differ in orientation,
 * origin and (anisotropic) spacing.
 *
 * <p>Only the target's voxels are computed, so to resample just the region that is needed, pass
 * a small target grid (e.g. a {@link CropGrid}). The source index of target voxel (i, j, k) is
 * the affine {@code C0 + i*Ci + j*Cj + k*Ck} (the source's inverse affine composed with the
 * target's forward affine, computed once); the inner loop steps along {@code i} with no matrix
 * product and no allocation, and slices are processed in parallel.
 *
 * <p>A target centre is inside the source when its continuous source index lies in the source
 * voxels' footprint, {@code -0.5 <= index < n - 0.5} on each axis; elsewhere the target gets the
 * outside value (e.g. -1024 HU for CT, 0 for PET, always 0 for masks). In the half-voxel rim
 * between the outermost voxel centres and the footprint's edge, trilinear interpolation repeats
 * the edge voxels. Trilinear interpolation reproduces any affine function of position exactly
 * between voxel centres.
 */
public final class Resampler {

    /** Targets at least this large are resampled slice-parallel. */
    private static final int PARALLEL_THRESHOLD = 1 << 15;

    private final float outsideValue;
    private final MaskInterpolation maskInterpolation;

    /** A resampler with nearest-neighbour masks. */
    public Resampler(float outsideValue) {
        this(outsideValue, MaskInterpolation.NEAREST);
    }

    /**
     * @param outsideValue value of target voxels outside the source volume (must be finite)
     * @param maskInterpolation how masks are resampled
     */
    public Resampler(float outsideValue, MaskInterpolation maskInterpolation) {
        if (!Float.isFinite(outsideValue)) {
            throw new IllegalArgumentException("outsideValue must be finite, got " + outsideValue);
        }
        this.outsideValue = outsideValue;
        this.maskInterpolation = Objects.requireNonNull(maskInterpolation, "maskInterpolation");
    }

    public float outsideValue() {
        return outsideValue;
    }

    public MaskInterpolation maskInterpolation() {
        return maskInterpolation;
    }

    /** The source volume, trilinearly interpolated at the target's voxel centres. */
    public Volume resample(Volume source, Grid target) {
        float[] out = new float[target.size()];
        Job job = new Job(source.grid(), target);
        float[] src = source.data();
        job.run(k -> job.trilinear(src, k, out, outsideValue));
        return new Volume(target, out);
    }

    /** The source mask at the target's voxel centres (outside the source: 0). */
    public Mask resample(Mask source, Grid target) {
        byte[] out = new byte[target.size()];
        Job job = new Job(source.grid(), target);
        byte[] src = source.data();
        switch (maskInterpolation) {
            case NEAREST -> job.run(k -> job.nearest(src, k, out));
            case LINEAR -> job.run(k -> job.linearThreshold(src, k, out));
        }
        return new Mask(target, out);
    }

    /** One resampling: the composed affine and the loops. */
    private static final class Job {
        private final int snx;
        private final int sny;
        private final int snz;
        private final int tnx;
        private final int tny;
        private final int tnz;
        private final double[] c;

        Job(Grid source, Grid target) {
            snx = source.nx();
            sny = source.ny();
            snz = source.nz();
            tnx = target.nx();
            tny = target.ny();
            tnz = target.nz();
            double[] a = source.indexFromWorld();
            double[] b = target.worldFromIndex();
            c = new double[12];
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 4; col++) {
                    double v = col == 3 ? a[r * 4 + 3] : 0;
                    for (int m = 0; m < 3; m++) {
                        v += a[r * 4 + m] * b[m * 4 + col];
                    }
                    c[r * 4 + col] = v;
                }
            }
        }

        void run(IntConsumer slice) {
            IntStream ks = IntStream.range(0, tnz);
            if ((long) tnx * tny * tnz >= PARALLEL_THRESHOLD) {
                ks = ks.parallel();
            }
            ks.forEach(slice);
        }

        void trilinear(float[] src, int k, float[] out, float outside) {
            double[] m = c;
            int plane = snx * sny;
            double lx = snx - 0.5;
            double ly = sny - 0.5;
            double lz = snz - 0.5;
            for (int j = 0; j < tny; j++) {
                double bx = m[3] + j * m[1] + k * m[2];
                double by = m[7] + j * m[5] + k * m[6];
                double bz = m[11] + j * m[9] + k * m[10];
                int o = tnx * (j + tny * k);
                for (int i = 0; i < tnx; i++, o++) {
                    double x = bx + i * m[0];
                    double y = by + i * m[4];
                    double z = bz + i * m[8];
                    if (!(x >= -0.5 && x < lx && y >= -0.5 && y < ly && z >= -0.5 && z < lz)) {
                        out[o] = outside;
                        continue;
                    }
                    // clamp into [0, n-1]: the rim repeats the edge voxels
                    x = x < 0 ? 0 : Math.min(x, snx - 1);
                    y = y < 0 ? 0 : Math.min(y, sny - 1);
                    z = z < 0 ? 0 : Math.min(z, snz - 1);
                    int x0 = (int) x;
                    int y0 = (int) y;
                    int z0 = (int) z;
                    int dx = x0 < snx - 1 ? 1 : 0;
                    int dy = y0 < sny - 1 ? snx : 0;
                    int dz = z0 < snz - 1 ? plane : 0;
                    double fx = x - x0;
                    double fy = y - y0;
                    double fz = z - z0;
                    int p = x0 + snx * y0 + plane * z0;
                    double c00 = src[p] + fx * (src[p + dx] - src[p]);
                    double c10 = src[p + dy] + fx * (src[p + dy + dx] - src[p + dy]);
                    double c01 = src[p + dz] + fx * (src[p + dz + dx] - src[p + dz]);
                    double c11 = src[p + dz + dy] + fx * (src[p + dz + dy + dx] - src[p + dz + dy]);
                    double c0 = c00 + fy * (c10 - c00);
                    double c1 = c01 + fy * (c11 - c01);
                    out[o] = (float) (c0 + fz * (c1 - c0));
                }
            }
        }

        void linearThreshold(byte[] src, int k, byte[] out) {
            double[] m = c;
            int plane = snx * sny;
            double lx = snx - 0.5;
            double ly = sny - 0.5;
            double lz = snz - 0.5;
            for (int j = 0; j < tny; j++) {
                double bx = m[3] + j * m[1] + k * m[2];
                double by = m[7] + j * m[5] + k * m[6];
                double bz = m[11] + j * m[9] + k * m[10];
                int o = tnx * (j + tny * k);
                for (int i = 0; i < tnx; i++, o++) {
                    double x = bx + i * m[0];
                    double y = by + i * m[4];
                    double z = bz + i * m[8];
                    if (!(x >= -0.5 && x < lx && y >= -0.5 && y < ly && z >= -0.5 && z < lz)) {
                        continue;
                    }
                    x = x < 0 ? 0 : Math.min(x, snx - 1);
                    y = y < 0 ? 0 : Math.min(y, sny - 1);
                    z = z < 0 ? 0 : Math.min(z, snz - 1);
                    int x0 = (int) x;
                    int y0 = (int) y;
                    int z0 = (int) z;
                    int dx = x0 < snx - 1 ? 1 : 0;
                    int dy = y0 < sny - 1 ? snx : 0;
                    int dz = z0 < snz - 1 ? plane : 0;
                    double fx = x - x0;
                    double fy = y - y0;
                    double fz = z - z0;
                    int p = x0 + snx * y0 + plane * z0;
                    double c00 = src[p] + fx * (src[p + dx] - src[p]);
                    double c10 = src[p + dy] + fx * (src[p + dy + dx] - src[p + dy]);
                    double c01 = src[p + dz] + fx * (src[p + dz + dx] - src[p + dz]);
                    double c11 = src[p + dz + dy] + fx * (src[p + dz + dy + dx] - src[p + dz + dy]);
                    double c0 = c00 + fy * (c10 - c00);
                    double c1 = c01 + fy * (c11 - c01);
                    out[o] = (byte) (c0 + fz * (c1 - c0) >= 0.5 ? 1 : 0);
                }
            }
        }

        void nearest(byte[] src, int k, byte[] out) {
            double[] m = c;
            double lx = snx - 0.5;
            double ly = sny - 0.5;
            double lz = snz - 0.5;
            for (int j = 0; j < tny; j++) {
                double bx = m[3] + j * m[1] + k * m[2];
                double by = m[7] + j * m[5] + k * m[6];
                double bz = m[11] + j * m[9] + k * m[10];
                int o = tnx * (j + tny * k);
                for (int i = 0; i < tnx; i++, o++) {
                    double x = bx + i * m[0];
                    double y = by + i * m[4];
                    double z = bz + i * m[8];
                    if (!(x >= -0.5 && x < lx && y >= -0.5 && y < ly && z >= -0.5 && z < lz)) {
                        continue;
                    }
                    // x + 0.5 >= 0, so the cast is floor (round half up); min() guards rounding at the top edge
                    int xi = Math.min((int) (x + 0.5), snx - 1);
                    int yi = Math.min((int) (y + 0.5), sny - 1);
                    int zi = Math.min((int) (z + 0.5), snz - 1);
                    out[o] = src[xi + snx * (yi + sny * zi)];
                }
            }
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.transforms;

/**
 * One spatial transform of a volume onto the same grid: flips, a rotation about the volume's centre
 * and a translation, in voxel coordinates (the crops are isotropic, 1 mm). Output voxel {@code p}
 * takes its value from the input at
 * <pre>
 *   source(p) = R F (p - c) + c + t
 * </pre>
 * with {@code c} the centre {@code ((nx-1)/2, (ny-1)/2, (nz-1)/2)}, {@code F} the diagonal of the flips
 * (-1 where flipped), {@code R = Rz Ry Rx} and {@code t} the shift. Images are resampled
 * trilinearly, masks trilinearly and then thresholded at 0.5 (so image and mask move together and
 * the mask stays 0/1); outside the volume the nearest border voxel is used.
 */
public final class SpatialTransform {

    /** The drawn parameters: flips, angles in degrees about x, y, z, shift in voxels along x, y, z. */
    public record Parameters(boolean flipX, boolean flipY, boolean flipZ, double rotX, double rotY, double rotZ, double shiftX,
            double shiftY, double shiftZ) {

        public static final Parameters IDENTITY = new Parameters(false, false, false, 0, 0, 0, 0, 0, 0);
    }

    private final Parameters parameters;
    private final int nx;
    private final int ny;
    private final int nz;
    /** source = m * p + b, row-major 3x3. */
    private final double[] m = new double[9];
    private final double[] b = new double[3];

    public SpatialTransform(Parameters parameters, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("volume size must be positive, got " + nx + " x " + ny + " x " + nz);
        }
        this.parameters = parameters;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        double[] r = multiply(multiply(rotation(2, parameters.rotZ()), rotation(1, parameters.rotY())),
                rotation(0, parameters.rotX()));
        double[] f = {parameters.flipX() ? -1 : 1, parameters.flipY() ? -1 : 1, parameters.flipZ() ? -1 : 1};
        double[] c = {(nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0};
        double[] t = {parameters.shiftX(), parameters.shiftY(), parameters.shiftZ()};
        for (int i = 0; i < 3; i++) {
            double rc = 0;
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = r[3 * i + j] * f[j];
                rc += m[3 * i + j] * c[j];
            }
            b[i] = c[i] + t[i] - rc;
        }
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The transformed image; {@code image} holds {@code channels} volumes one after the other, each moved the same way. */
    public float[] image(float[] image, int channels) {
        int n = nx * ny * nz;
        if (image.length != channels * n) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected " + channels + " x " + nx + " x "
                    + ny + " x " + nz);
        }
        float[] out = new float[image.length];
        for (int ch = 0; ch < channels; ch++) {
            resample(image, ch * n, out, ch * n, false);
        }
        return out;
    }

    /** The transformed mask, 0/1 (trilinear, then above 0.5 or equal counts as inside). */
    public float[] mask(float[] mask) {
        if (mask.length != nx * ny * nz) {
            throw new IllegalArgumentException("mask has " + mask.length + " values, expected " + nx + " x " + ny + " x " + nz);
        }
        float[] out = new float[mask.length];
        resample(mask, 0, out, 0, true);
        return out;
    }

    private void resample(float[] in, int inOffset, float[] out, int outOffset, boolean threshold) {
        int o = outOffset;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                double sx = m[1] * y + m[2] * z + b[0];
                double sy = m[4] * y + m[5] * z + b[1];
                double sz = m[7] * y + m[8] * z + b[2];
                for (int x = 0; x < nx; x++, o++) {
                    float v = trilinear(in, inOffset, sx + m[0] * x, sy + m[3] * x, sz + m[6] * x);
                    out[o] = threshold ? (v >= 0.5f ? 1f : 0f) : v;
                }
            }
        }
    }

    private float trilinear(float[] a, int offset, double x, double y, double z) {
        x = Math.clamp(x, 0, nx - 1);
        y = Math.clamp(y, 0, ny - 1);
        z = Math.clamp(z, 0, nz - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        int z0 = (int) z;
        int x1 = Math.min(x0 + 1, nx - 1);
        int y1 = Math.min(y0 + 1, ny - 1);
        int z1 = Math.min(z0 + 1, nz - 1);
        double fx = x - x0;
        double fy = y - y0;
        double fz = z - z0;
        int r00 = offset + nx * (y0 + ny * z0);
        int r10 = offset + nx * (y1 + ny * z0);
        int r01 = offset + nx * (y0 + ny * z1);
        int r11 = offset + nx * (y1 + ny * z1);
        double c00 = a[r00 + x0] + fx * (a[r00 + x1] - a[r00 + x0]);
        double c10 = a[r10 + x0] + fx * (a[r10 + x1] - a[r10 + x0]);
        double c01 = a[r01 + x0] + fx * (a[r01 + x1] - a[r01 + x0]);
        double c11 = a[r11 + x0] + fx * (a[r11 + x1] - a[r11 + x0]);
        double c0 = c00 + fy * (c10 - c00);
        double c1 = c01 + fy * (c11 - c01);
        return (float) (c0 + fz * (c1 - c0));
    }

    /** Rotation by {@code degrees} about axis 0 (x), 1 (y) or 2 (z), row-major. */
    private static double[] rotation(int axis, double degrees) {
        double a = Math.toRadians(degrees);
        double c = Math.cos(a);
        double s = Math.sin(a);
        return switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
        };
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = p[3 * i] * q[j] + p[3 * i + 1] * q[3 + j] + p[3 * i + 2] * q[6 + j];
            }
        }
        return r;
    }
}

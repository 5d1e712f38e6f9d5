/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Objects;

/**
 * A regular voxel grid in the DICOM patient coordinate system (LPS, mm).
 *
 * <p>Voxel {@code (i, j, k)} ({@code i} = column index along {@code rowDir}, {@code j} = row
 * index along {@code colDir}, {@code k} = slice index along {@code sliceDir}) has its
 * <em>centre</em> at {@code origin + i*sx*rowDir + j*sy*colDir + k*sz*sliceDir}. So
 * {@code origin} is the centre of voxel (0,0,0), i.e. ImagePositionPatient (0020,0032) of the
 * first slice; {@code rowDir} and {@code colDir} are the two halves of ImageOrientationPatient
 * (0020,0037); {@code sliceDir} is the unit normal pointing towards increasing {@code k}, which
 * is {@code rowDir x colDir} or its opposite (e.g. slices stored feet to head or head to feet).
 * {@code sx} is the distance between columns (along {@code rowDir}), i.e. PixelSpacing (0028,0030)
 * value 2, {@code sy} the distance between rows (along {@code colDir}), PixelSpacing value 1 (PS3.3
 * 10.7.1.3), and {@code sz} the distance between slice centres (PS3.3 C.7.6.2.1.1).
 *
 * <p>The directions must be unit length and mutually orthogonal within
 * {@link #DIRECTION_TOLERANCE} (DICOM stores them as decimal strings of limited precision); the
 * inverse mapping {@link #toIndex} is the exact inverse of the stored affine, so oblique and
 * slightly non-orthonormal orientations still round-trip.
 *
 * <p>Value semantics like a record (the canonical constructor and accessors match
 * {@code record Grid(int nx, ..., double sz)}); it is a class only so that it can hold the
 * precomputed forward and inverse affine.
 */
public final class Grid {

    /** Largest accepted deviation of |direction| from 1 and of a dot product of two directions from 0. */
    public static final double DIRECTION_TOLERANCE = 1e-3;

    private final int nx;
    private final int ny;
    private final int nz;
    private final Vec3 origin;
    private final Vec3 rowDir;
    private final Vec3 colDir;
    private final Vec3 sliceDir;
    private final double sx;
    private final double sy;
    private final double sz;
    /** world = fwd * (i, j, k, 1): row-major 3x4 (rows x, y, z). */
    private final double[] fwd;
    /** (i, j, k) = inv * (x, y, z, 1): row-major 3x4 (rows i, j, k). */
    private final double[] inv;

    public Grid(int nx, int ny, int nz, Vec3 origin, Vec3 rowDir, Vec3 colDir, Vec3 sliceDir,
            double sx, double sy, double sz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("Grid size must be at least 1 in every direction, got " + nx + " x " + ny + " x " + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Grid of " + nx + " x " + ny + " x " + nz + " voxels is too large for one array");
        }
        Objects.requireNonNull(origin, "Grid origin");
        checkSpacing("sx", sx);
        checkSpacing("sy", sy);
        checkSpacing("sz", sz);
        checkUnit("rowDir", rowDir);
        checkUnit("colDir", colDir);
        checkUnit("sliceDir", sliceDir);
        checkOrthogonal("rowDir", rowDir, "colDir", colDir);
        checkOrthogonal("rowDir", rowDir, "sliceDir", sliceDir);
        checkOrthogonal("colDir", colDir, "sliceDir", sliceDir);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.origin = origin;
        this.rowDir = rowDir;
        this.colDir = colDir;
        this.sliceDir = sliceDir;
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
        this.fwd = new double[] {
            rowDir.x() * sx, colDir.x() * sy, sliceDir.x() * sz, origin.x(),
            rowDir.y() * sx, colDir.y() * sy, sliceDir.y() * sz, origin.y(),
            rowDir.z() * sx, colDir.z() * sy, sliceDir.z() * sz, origin.z()};
        this.inv = invertAffine(fwd);
    }

    /** An axial head-first grid (rowDir +x, colDir +y, sliceDir +z), convenient for tests and synthetic data. */
    public static Grid axial(int nx, int ny, int nz, Vec3 origin, double sx, double sy, double sz) {
        return new Grid(nx, ny, nz, origin, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1), sx, sy, sz);
    }

    private static void checkSpacing(String name, double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("Grid spacing " + name + " must be a positive finite number of mm, got " + s);
        }
    }

    private static void checkUnit(String name, Vec3 d) {
        Objects.requireNonNull(d, () -> "Grid " + name);
        double n = d.norm();
        if (Math.abs(n - 1) > DIRECTION_TOLERANCE) {
            throw new IllegalArgumentException("Grid " + name + " must have unit length, got " + d + " of length " + n);
        }
    }

    private static void checkOrthogonal(String na, Vec3 a, String nb, Vec3 b) {
        double dot = a.dot(b);
        if (Math.abs(dot) > DIRECTION_TOLERANCE) {
            throw new IllegalArgumentException("Grid " + na + " " + a + " and " + nb + " " + b
                    + " must be orthogonal, their dot product is " + dot);
        }
    }

    /** The inverse of an affine given as a row-major 3x4 matrix [A | t]: [A^-1 | -A^-1 t]. */
    private static double[] invertAffine(double[] m) {
        double a = m[0], b = m[1], c = m[2];
        double d = m[4], e = m[5], f = m[6];
        double g = m[8], h = m[9], i = m[10];
        double c00 = e * i - f * h, c01 = c * h - b * i, c02 = b * f - c * e;
        double c10 = f * g - d * i, c11 = a * i - c * g, c12 = c * d - a * f;
        double c20 = d * h - e * g, c21 = b * g - a * h, c22 = a * e - b * d;
        double det = a * c00 + b * c10 + c * c20;
        double[] r = {c00 / det, c01 / det, c02 / det, 0, c10 / det, c11 / det, c12 / det, 0, c20 / det, c21 / det, c22 / det, 0};
        for (int row = 0; row < 3; row++) {
            r[row * 4 + 3] = -(r[row * 4] * m[3] + r[row * 4 + 1] * m[7] + r[row * 4 + 2] * m[11]);
        }
        return r;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    public Vec3 origin() {
        return origin;
    }

    public Vec3 rowDir() {
        return rowDir;
    }

    public Vec3 colDir() {
        return colDir;
    }

    public Vec3 sliceDir() {
        return sliceDir;
    }

    public double sx() {
        return sx;
    }

    public double sy() {
        return sy;
    }

    public double sz() {
        return sz;
    }

    /** Number of voxels, {@code nx * ny * nz}. */
    public int size() {
        return nx * ny * nz;
    }

    /** Volume of one voxel in mm^3. */
    public double voxelVolumeMm3() {
        return sx * sy * sz;
    }

    /** Array index of voxel (i, j, k): {@code i + nx * (j + ny * k)}; no bounds check. */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** Whether (i, j, k) is a voxel of this grid. */
    public boolean contains(int i, int j, int k) {
        return i >= 0 && i < nx && j >= 0 && j < ny && k >= 0 && k < nz;
    }

    /** Patient coordinates (mm) of the continuous index (i, j, k); integers give voxel centres. */
    public Vec3 world(double i, double j, double k) {
        double[] m = fwd;
        return new Vec3(m[0] * i + m[1] * j + m[2] * k + m[3],
                m[4] * i + m[5] * j + m[6] * k + m[7],
                m[8] * i + m[9] * j + m[10] * k + m[11]);
    }

    /** Continuous index (i, j, k) of the patient-coordinate point (x, y, z): the inverse of {@link #world}. */
    public Vec3 toIndex(double x, double y, double z) {
        double[] m = inv;
        return new Vec3(m[0] * x + m[1] * y + m[2] * z + m[3],
                m[4] * x + m[5] * y + m[6] * z + m[7],
                m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /** Continuous index of the point {@code p}. */
    public Vec3 toIndex(Vec3 p) {
        return toIndex(p.x(), p.y(), p.z());
    }

    /** Patient coordinates of the grid's centre, {@code world((nx-1)/2, (ny-1)/2, (nz-1)/2)}. */
    public Vec3 centre() {
        return world((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
    }

    /** Copy of the forward affine, row-major 3x4: {@code world = A * (i, j, k) + t}. */
    double[] worldFromIndex() {
        return fwd.clone();
    }

    /** Copy of the inverse affine, row-major 3x4: {@code (i, j, k) = A^-1 * (x, y, z) + t'}. */
    double[] indexFromWorld() {
        return inv.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && nx == g.nx && ny == g.ny && nz == g.nz && origin.equals(g.origin)
                && rowDir.equals(g.rowDir) && colDir.equals(g.colDir) && sliceDir.equals(g.sliceDir)
                && Double.compare(sx, g.sx) == 0 && Double.compare(sy, g.sy) == 0 && Double.compare(sz, g.sz) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nx, ny, nz, origin, rowDir, colDir, sliceDir, sx, sy, sz);
    }

    @Override
    public String toString() {
        return "Grid[" + nx + "x" + ny + "x" + nz + ", origin=" + origin + ", rowDir=" + rowDir + ", colDir=" + colDir
                + ", sliceDir=" + sliceDir + ", spacing=" + sx + "x" + sy + "x" + sz + " mm]";
    }
}

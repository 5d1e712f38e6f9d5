/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

/**
 * An immutable 3-vector of finite doubles: a point or direction in patient coordinates (mm), or
 * a continuous voxel index.
 */
public record Vec3(double x, double y, double z) {

    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("Vec3 components must be finite, got (" + x + ", " + y + ", " + z + ")");
        }
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** This vector scaled to unit length; fails for the zero vector. */
    public Vec3 normalized() {
        double n = norm();
        if (n == 0) {
            throw new IllegalArgumentException("cannot normalise the zero vector");
        }
        return times(1 / n);
    }

    public double distance(Vec3 o) {
        return minus(o).norm();
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ", " + z + ")";
    }
}

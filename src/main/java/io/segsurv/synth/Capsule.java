/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/** A tube with round ends between two points (mm): airways, great vessels, lung vessels. */
final class Capsule {

    final double x0;
    final double y0;
    final double z0;
    final double x1;
    final double y1;
    final double z1;
    final double radius;
    private final double dx;
    private final double dy;
    private final double dz;
    private final double lengthSquared;
    /** Bounding box, inclusive of the radius. */
    final double minX;
    final double maxX;
    final double minY;
    final double maxY;
    final double minZ;
    final double maxZ;

    Capsule(double x0, double y0, double z0, double x1, double y1, double z1, double radius) {
        this.x0 = x0;
        this.y0 = y0;
        this.z0 = z0;
        this.x1 = x1;
        this.y1 = y1;
        this.z1 = z1;
        this.radius = radius;
        this.dx = x1 - x0;
        this.dy = y1 - y0;
        this.dz = z1 - z0;
        this.lengthSquared = dx * dx + dy * dy + dz * dz;
        this.minX = Math.min(x0, x1) - radius;
        this.maxX = Math.max(x0, x1) + radius;
        this.minY = Math.min(y0, y1) - radius;
        this.maxY = Math.max(y0, y1) + radius;
        this.minZ = Math.min(z0, z1) - radius;
        this.maxZ = Math.max(z0, z1) + radius;
    }

    Capsule(double[] a, double[] b, double radius) {
        this(a[0], a[1], a[2], b[0], b[1], b[2], radius);
    }

    /** Squared distance from a point to the axis segment. */
    double distanceSquared(double x, double y, double z) {
        double px = x - x0;
        double py = y - y0;
        double pz = z - z0;
        double t = lengthSquared == 0 ? 0 : (px * dx + py * dy + pz * dz) / lengthSquared;
        if (t < 0) {
            t = 0;
        } else if (t > 1) {
            t = 1;
        }
        double ex = px - t * dx;
        double ey = py - t * dy;
        double ez = pz - t * dz;
        return ex * ex + ey * ey + ez * ez;
    }

    boolean contains(double x, double y, double z) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ
                && distanceSquared(x, y, z) <= radius * radius;
    }

    /** In-plane bounding box {minX, maxX, minY, maxY} of the cross-section with the plane z, or null. */
    double[] sliceBounds(double z) {
        if (z < minZ || z > maxZ) {
            return null;
        }
        // parameter range where the axis is within one radius of the plane
        double t0;
        double t1;
        if (Math.abs(dz) < 1e-9) {
            t0 = 0;
            t1 = 1;
        } else {
            double ta = (z - radius - z0) / dz;
            double tb = (z + radius - z0) / dz;
            t0 = Math.max(0, Math.min(ta, tb));
            t1 = Math.min(1, Math.max(ta, tb));
            if (t0 > t1) {
                return null;
            }
        }
        double xa = x0 + t0 * dx;
        double xb = x0 + t1 * dx;
        double ya = y0 + t0 * dy;
        double yb = y0 + t1 * dy;
        return new double[] {Math.min(xa, xb) - radius, Math.max(xa, xb) + radius,
                Math.min(ya, yb) - radius, Math.max(ya, yb) + radius};
    }

    double length() {
        return Math.sqrt(lengthSquared);
    }
}

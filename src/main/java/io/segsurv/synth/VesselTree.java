/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Pulmonary vessels as branching tubes from each hilum. Branches that would come near the tumour
 * (or the satellite nodule) are pruned, so the only vessel touching the tumour is the explicit
 * contact vessel of patients with vessel contact.
 */
final class VesselTree {

    private static final int DEPTH = 7;
    private static final int ROOTS = 10;
    private static final int PERIPHERAL = 70;
    /** Smallest gap (mm) between a pruned-in vessel and the tumour surface or the satellite. */
    private static final double CLEARANCE_MM = 2.5;

    private final Anatomy anatomy;
    private final TumourShape tumour;
    private final double[] satellite;
    private final double satelliteRadius;
    private final Rng rng;
    private final List<Capsule> out = new ArrayList<>();

    private VesselTree(SyntheticPatient p, Rng rng) {
        this.anatomy = p.anatomy;
        this.tumour = p.tumour;
        this.satellite = p.satelliteCentre;
        this.satelliteRadius = p.satelliteRadius;
        this.rng = rng;
    }

    /** All vessel segments of the patient (patient coordinates), the contact vessel last. */
    static List<Capsule> build(SyntheticPatient p, Rng rng) {
        VesselTree t = new VesselTree(p, rng);
        for (int side : new int[] {Anatomy.RIGHT, Anatomy.LEFT}) {
            double s = side == Anatomy.RIGHT ? -1 : 1;
            double[] h = p.anatomy.hilum[side == Anatomy.RIGHT ? 0 : 1];
            for (int r = 0; r < ROOTS; r++) {
                // spread the roots over the lateral half-sphere: upward, sideways, downward, front and back
                double up = -0.85 + 1.7 * (r + rng.uniform(0.1, 0.9)) / ROOTS;
                double[] d = SyntheticPatient.normalise(new double[] {s * rng.uniform(0.35, 1.0),
                        rng.uniform(-0.8, 0.8), up});
                t.grow(side, h, d, rng.uniform(38, 48), rng.uniform(4.0, 5.5), 0);
            }
            // peripheral branches: short trees seeded in the lung, pointing away from the hilum
            for (int n = 0, tries = 0; n < PERIPHERAL && tries < 50 * PERIPHERAL; tries++) {
                Anatomy an = p.anatomy;
                double x = an.ox + s * rng.uniform(27, an.ac);
                double y = an.oy + rng.uniform(-an.bc, an.bc);
                double z = an.oz + rng.uniform(an.recessW, an.apexW);
                if (an.lungSide(x, y, z) != side) {
                    continue;
                }
                n++;
                double[] away = SyntheticPatient.normalise(new double[] {x - h[0], y - h[1], z - h[2]});
                double[] jitter = rng.unitVector();
                double[] d = SyntheticPatient.normalise(new double[] {away[0] + 0.4 * jitter[0],
                        away[1] + 0.4 * jitter[1], away[2] + 0.4 * jitter[2]});
                double distance = Math.sqrt(Anatomy.sq(x - h[0]) + Anatomy.sq(y - h[1]) + Anatomy.sq(z - h[2]));
                double radius = Math.max(1.0, 3.2 - distance / 60) * rng.uniform(0.8, 1.2);
                t.grow(side, new double[] {x, y, z}, d, rng.uniform(12, 22), radius, DEPTH - 3);
            }
        }
        if (p.vesselContact) {
            double[] h = p.anatomy.hilum[p.side == Anatomy.RIGHT ? 0 : 1];
            double[] e = p.contactDirection;
            double rv = rng.uniform(2.5, 3.5);
            TumourShape tu = p.tumour;
            double rho = tu.radius(e[0], e[1], e[2]);
            double off = rho + 0.2 * rv;
            double[] q = {tu.cx + e[0] * off, tu.cy + e[1] * off, tu.cz + e[2] * off};
            double[] d = SyntheticPatient.normalise(new double[] {q[0] - h[0], q[1] - h[1], q[2] - h[2]});
            double[] end = {q[0] + 25 * d[0], q[1] + 25 * d[1], q[2] + 25 * d[2]};
            t.out.add(new Capsule(h, end, rv));
        }
        return t.out;
    }

    private void grow(int side, double[] start, double[] dir, double length, double radius, int depth) {
        double[] end = {start[0] + dir[0] * length, start[1] + dir[1] * length, start[2] + dir[2] * length};
        if (anatomy.lungSide(end[0], end[1], end[2]) != side) {
            length *= 0.5;
            end = new double[] {start[0] + dir[0] * length, start[1] + dir[1] * length, start[2] + dir[2] * length};
            if (anatomy.lungSide(end[0], end[1], end[2]) != side) {
                // even half the branch leaves the lung: it ends here
                return;
            }
        }
        Capsule c = new Capsule(start, end, radius);
        if (touchesLesion(c)) {
            return;
        }
        out.add(c);
        if (depth == DEPTH) {
            return;
        }
        for (int b = 0; b < 2; b++) {
            double[] axis = SyntheticPatient.normalise(SyntheticPatient.cross(dir, rng.unitVector()));
            double angle = Math.toRadians(rng.uniform(18, 38)) * (b == 0 ? 1 : -1);
            double[] nd = rotate(dir, axis, angle);
            grow(side, end, nd, length * rng.uniform(0.72, 0.88), radius * 0.78, depth + 1);
        }
    }

    /** Whether the tube comes within {@link #CLEARANCE_MM} of the tumour's surface or of the satellite. */
    private boolean touchesLesion(Capsule c) {
        double far = tumour.rMax + c.radius + CLEARANCE_MM;
        boolean nearTumour = c.distanceSquared(tumour.cx, tumour.cy, tumour.cz) < far * far;
        if (satellite != null) {
            double s = satelliteRadius + c.radius + CLEARANCE_MM;
            if (c.distanceSquared(satellite[0], satellite[1], satellite[2]) < s * s) {
                return true;
            }
        }
        if (!nearTumour) {
            return false;
        }
        int steps = (int) Math.ceil(c.length()) + 1;
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            double x = c.x0 + t * (c.x1 - c.x0) - tumour.cx;
            double y = c.y0 + t * (c.y1 - c.y0) - tumour.cy;
            double z = c.z0 + t * (c.z1 - c.z0) - tumour.cz;
            double r = Math.sqrt(x * x + y * y + z * z);
            if (r < 1e-9 || r - tumour.radius(x / r, y / r, z / r) < c.radius + CLEARANCE_MM) {
                return true;
            }
        }
        return false;
    }

    /** Rodrigues rotation of v about a unit axis. */
    private static double[] rotate(double[] v, double[] k, double angle) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double[] kxv = SyntheticPatient.cross(k, v);
        double kv = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
        return SyntheticPatient.normalise(new double[] {v[0] * c + kxv[0] * s + k[0] * kv * (1 - c),
                v[1] * c + kxv[1] * s + k[1] * kv * (1 - c), v[2] * c + kxv[2] * s + k[2] * kv * (1 - c)});
    }
}

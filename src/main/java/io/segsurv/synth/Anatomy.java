/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/**
 * An analytic chest phantom in patient coordinates (DICOM LPS, mm): x to the patient's left, y
 * posterior, z superior. Internally everything is relative to an origin at the body centre at the
 * level of the carina. {@link #label} classifies a point into a tissue; lung vessels, the tumour
 * and the satellite nodule are painted over it by the renderer.
 */
final class Anatomy {

    static final byte AIR = 0;
    static final byte SKIN = 1;
    static final byte FAT = 2;
    static final byte MUSCLE = 3;
    static final byte BONE = 4;
    static final byte MARROW = 5;
    static final byte DISC = 6;
    static final byte CORD = 7;
    static final byte CSF = 8;
    static final byte LUNG_RIGHT = 9;
    static final byte LUNG_LEFT = 10;
    static final byte MEDIASTINUM = 11;
    static final byte HEART = 12;
    static final byte AORTA = 13;
    static final byte AIRWAY = 14;
    static final byte AIRWAY_WALL = 15;
    static final byte ESOPHAGUS = 16;
    static final byte ABDOMEN = 17;
    static final byte LIVER = 18;
    static final byte VESSEL = 19;
    static final byte TUMOUR = 20;
    static final byte NECROSIS = 21;
    static final byte SATELLITE = 22;
    static final int LABELS = 23;

    /** Lung sides as used by the tumour: right is the patient's right (negative x). */
    static final int RIGHT = 1;
    static final int LEFT = 2;

    // origin of the anatomy in patient coordinates
    final double ox;
    final double oy;
    final double oz;
    // body and layers (half-axes, mm)
    final double a;
    final double b;
    final double fat;
    final double wall;
    final double ac;
    final double bc;
    private final double am;
    private final double bm;
    // spine
    final double spineV;
    final double spineR;
    private final double canalV;
    private final double spinousEnd;
    private final double discPitch;
    private final double discPhase;
    // ribs
    private final double ribPitch;
    private final double ribPhase;
    private final double ribTilt;
    // lungs
    final double apexW;
    private final double apexFull;
    final double domeRight;
    final double domeLeft;
    final double recessW;
    final double lungCentreU;
    final double lungHalfWidth;
    // heart
    private final double hx;
    private final double hy;
    private final double hz;
    private final double ha;
    private final double hb;
    private final double hc;
    // tubes (absolute coordinates)
    private final Capsule[] aorta;
    private final Capsule[] airways;
    private final Capsule esophagus;
    /** Hilum points (absolute) for the lung vessel trees: index 0 right, 1 left. */
    final double[][] hilum;

    Anatomy(Rng rng, double ox, double oy, double oz, double weightKg) {
        this.ox = ox;
        this.oy = oy;
        this.oz = oz;
        double build = Math.max(0, Math.min(1, (weightKg - 50) / 60));
        this.a = 145 + 28 * build + rng.uniform(-4, 4);
        this.b = a * rng.uniform(0.66, 0.73);
        this.fat = Math.max(4, Math.min(25, 5 + 16 * build + rng.uniform(-3, 3)));
        this.wall = rng.uniform(12, 17);
        this.am = a - 2 - fat;
        this.bm = b - 2 - fat;
        this.ac = am - wall;
        this.bc = Math.max(68, bm - wall);
        this.spineR = rng.uniform(15, 19);
        this.spineV = bc - 0.55 * spineR;
        this.canalV = spineV + spineR + 9;
        this.spinousEnd = Math.min(canalV + 38, bm - 6);
        this.discPitch = rng.uniform(24, 28);
        this.discPhase = rng.uniform(0, discPitch);
        this.ribPitch = rng.uniform(23, 28);
        this.ribPhase = rng.uniform(0, ribPitch);
        this.ribTilt = rng.uniform(60, 85);
        this.apexW = rng.uniform(110, 130);
        this.apexFull = 45;
        this.domeRight = rng.uniform(-120, -100);
        this.domeLeft = domeRight - rng.uniform(8, 20);
        this.recessW = rng.uniform(-195, -175);
        this.lungCentreU = (27 + ac) / 2;
        this.lungHalfWidth = (ac - 27) / 2 + 6;
        this.ha = rng.uniform(50, 60);
        this.hb = Math.min(48, 0.5 * bc);
        this.hc = rng.uniform(50, 58);
        this.hx = rng.uniform(15, 25);
        this.hy = -0.2 * bc;
        this.hz = domeLeft + hc - 5;
        double aoR = rng.uniform(12, 15);
        double tv = -0.05 * bc; // trachea v
        double ascV = -0.3 * bc;
        double arch = rng.uniform(38, 50);
        double descU = 24 + aoR * 0.4;
        double descV = spineV - 8;
        this.aorta = new Capsule[] {
                tube(8, ascV, hz + 10, 8, ascV, arch, aoR),
                tube(8, ascV, arch, descU, descV, arch, aoR * 0.9),
                tube(descU, descV, arch, descU - 4, descV - 6, recessW - 40, aoR * 0.85)};
        double bronchusDrop = rng.uniform(20, 30);
        this.airways = new Capsule[] {
                tube(0, tv, apexW + 80, 0, tv, 0, 9),
                tube(0, tv, 0, -45, tv + 6, -bronchusDrop, 6.5),
                tube(0, tv, 0, 43, tv + 10, -bronchusDrop - 10, 6)};
        this.esophagus = tube(4, tv + 19, apexW + 80, 12, spineV - spineR - 12, recessW, 8);
        this.hilum = new double[][] {
                {ox - 50, oy + tv + 12, oz - bronchusDrop + 5},
                {ox + 50, oy + tv + 15, oz - bronchusDrop - 5}};
    }

    private Capsule tube(double u0, double v0, double w0, double u1, double v1, double w1, double r) {
        return new Capsule(ox + u0, oy + v0, oz + w0, ox + u1, oy + v1, oz + w1, r);
    }

    /** The tissue at a point (patient coordinates), without vessels in the lungs and without the tumour. */
    byte label(double x, double y, double z) {
        double u = x - ox;
        double v = y - oy;
        double w = z - oz;
        if (sq(u / a) + sq(v / b) > 1) {
            return AIR;
        }
        if (sq(u / (a - 2)) + sq(v / (b - 2)) > 1) {
            return SKIN;
        }
        if (sq(u / am) + sq(v / bm) > 1) {
            return FAT;
        }
        byte spine = spine(u, v, w);
        if (spine != AIR) {
            return spine;
        }
        double rc = Math.sqrt(sq(u / ac) + sq(v / bc));
        if (rc > 1) {
            return chestWall(u, v, w, rc);
        }
        for (Capsule c : aorta) {
            if (c.contains(x, y, z)) {
                return AORTA;
            }
        }
        for (Capsule c : airways) {
            if (c.contains(x, y, z)) {
                return c.distanceSquared(x, y, z) < sq(c.radius - 2) ? AIRWAY : AIRWAY_WALL;
            }
        }
        if (esophagus.contains(x, y, z)) {
            return ESOPHAGUS;
        }
        if (sq((u - hx) / ha) + sq((v - hy) / hb) + sq((w - hz) / hc) <= 1) {
            return HEART;
        }
        int side = lungSideLocal(u, v, w);
        if (side != 0) {
            return side == RIGHT ? LUNG_RIGHT : LUNG_LEFT;
        }
        if (w < lungBase(u < 0 ? RIGHT : LEFT, Math.abs(u), v)) {
            return u < 0 ? LIVER : ABDOMEN;
        }
        return MEDIASTINUM;
    }

    private byte spine(double u, double v, double w) {
        double dv = v - spineV;
        double d2 = u * u + dv * dv;
        if (d2 < spineR * spineR) {
            double phase = frac((w - discPhase) / discPitch);
            if (phase < 5 / discPitch) {
                return DISC;
            }
            return d2 > sq(spineR - 2) ? BONE : MARROW;
        }
        double dc = v - canalV;
        double c2 = u * u + dc * dc;
        if (c2 < 25) {
            return CORD;
        }
        if (c2 < 64) {
            return CSF;
        }
        if (c2 < 169 && dc > -6) {
            return BONE;
        }
        if (Math.abs(u) < 4 && v > canalV && v < spinousEnd) {
            return BONE;
        }
        return AIR;
    }

    private byte chestWall(double u, double v, double w, double rc) {
        double rm = Math.sqrt(sq(u / am) + sq(v / bm));
        // position across the wall along the ray from the centre: 0 at the cavity, 1 at the fat
        double sc = 1 / rc;
        double sm = 1 / rm;
        double t = (1 - sc) / (sm - sc);
        if (v < 0 && Math.abs(u) < 14 && t > 0.15 && t < 0.8 && w > -100 && w < 70) {
            return BONE; // sternum
        }
        boolean nearSternum = v < 0 && Math.abs(u) < 24;
        boolean nearSpine = v > 0 && Math.abs(u) < 30;
        if (!nearSternum && !nearSpine && t > 0.2 && t < 0.75 && w > recessW - 10 && w < apexW + 25) {
            double h = ribTilt * Math.atan2(v, Math.abs(u)) / (Math.PI / 2);
            double phase = frac((w - h - ribPhase) / ribPitch);
            if (phase < 9.5 / ribPitch) {
                return BONE;
            }
        }
        return MUSCLE;
    }

    /** Which lung contains the point (patient coordinates): 0 none, {@link #RIGHT} or {@link #LEFT}. */
    int lungSide(double x, double y, double z) {
        double u = x - ox;
        double v = y - oy;
        double w = z - oz;
        if (sq(u / ac) + sq(v / bc) > 1) {
            return 0;
        }
        for (Capsule c : aorta) {
            if (c.contains(x, y, z)) {
                return 0;
            }
        }
        for (Capsule c : airways) {
            if (c.contains(x, y, z)) {
                return 0;
            }
        }
        if (esophagus.contains(x, y, z)) {
            return 0;
        }
        if (sq((u - hx) / ha) + sq((v - hy) / hb) + sq((w - hz) / hc) <= 1) {
            return 0;
        }
        return lungSideLocal(u, v, w);
    }

    private int lungSideLocal(double u, double v, double w) {
        double au = Math.abs(u);
        double mw = v < -0.35 * bc ? 12 : 27;
        if (au < mw) {
            return 0;
        }
        if (sq(u / (ac - 3)) + sq(v / (bc - 3)) > 1) {
            return 0;
        }
        if (u * u + sq(v - spineV) < sq(spineR + 5)) {
            return 0;
        }
        if (w > apexFull) {
            double f2 = 1 - sq((w - apexFull) / (apexW - apexFull));
            if (f2 <= 0) {
                return 0;
            }
            double f = Math.sqrt(f2);
            if (sq((au - lungCentreU) / (f * lungHalfWidth)) + sq(v / (f * bc * 1.05)) > 1) {
                return 0;
            }
        }
        int side = u < 0 ? RIGHT : LEFT;
        if (w < lungBase(side, au, v)) {
            return 0;
        }
        return side;
    }

    private double lungBase(int side, double au, double v) {
        double dome = side == RIGHT ? domeRight : domeLeft;
        double rho2 = Math.min(1, sq((au - lungCentreU) / lungHalfWidth) + sq(v / bc));
        return dome + (recessW - dome) * rho2 - 12 * Math.max(0, v / bc);
    }

    /** The highest and lowest z (patient coordinates) of lung tissue. */
    double lungTopZ() {
        return oz + apexW;
    }

    double lungBottomZ() {
        return oz + recessW - 12;
    }

    static double sq(double v) {
        return v * v;
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }
}

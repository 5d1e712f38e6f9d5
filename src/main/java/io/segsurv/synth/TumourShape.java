/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/**
 * A star-shaped tumour: the surface radius in direction d is
 * {@code r0 * (1 + sum_k a_k g_k(d) + sum_j l_j s_j(d))}, where g_k are broad Gaussian bumps on the
 * sphere (lobulation) and s_j very narrow ones (spicules). Its volume, centre of mass and largest
 * radius are computed by quadrature, so the nominal volume is exact without rasterising.
 */
final class TumourShape {

    private static final int QUADRATURE_POINTS = 3000;
    private static final double[][] SPHERE = fibonacciSphere(QUADRATURE_POINTS);

    final double cx;
    final double cy;
    final double cz;
    /** Scale (mm) that makes the volume equal to the requested one. */
    final double r0;
    private final double[][] bumpDir;
    private final double[] bumpAmp;
    private final double[] bumpInvW2;
    private final int lobes;
    /** Largest surface radius (mm), including spicules. */
    final double rMax;
    /** Largest surface radius (mm) of the lobulated body without spicules. */
    final double rMaxBody;
    final double volumeMm3;
    /** Centre of mass (patient coordinates, mm). */
    final double[] centreOfMass;
    /** Coefficient of variation of the surface radius over the sphere (a measured irregularity). */
    final double radiusCv;
    final int spicules;

    private TumourShape(double cx, double cy, double cz, double r0, double[][] dir, double[] amp, double[] invW2,
            int lobes, double volumeMm3, double rMax, double rMaxBody, double[] com, double cv) {
        this.cx = cx;
        this.cy = cy;
        this.cz = cz;
        this.r0 = r0;
        this.bumpDir = dir;
        this.bumpAmp = amp;
        this.bumpInvW2 = invW2;
        this.lobes = lobes;
        this.volumeMm3 = volumeMm3;
        this.rMax = rMax;
        this.rMaxBody = rMaxBody;
        this.centreOfMass = com;
        this.radiusCv = cv;
        this.spicules = dir.length - lobes;
    }

    /**
     * Samples a shape of the given volume at the origin; {@link #at} moves it.
     *
     * @param irregularity 0 (smooth) to 1 (strongly lobulated)
     * @param spiculation 0 (none) to 1 (many long spicules)
     */
    static TumourShape sample(Rng rng, double volumeMm3, double irregularity, double spiculation) {
        int lobes = 5 + (int) Math.round(7 * irregularity);
        int spikes = (int) Math.round(36 * spiculation);
        int n = lobes + spikes;
        double[][] dir = new double[n][];
        double[] amp = new double[n];
        double[] invW2 = new double[n];
        for (int k = 0; k < lobes; k++) {
            dir[k] = rng.unitVector();
            amp[k] = irregularity * rng.uniform(-0.3, 0.6);
            double w = rng.uniform(0.3, 0.6);
            invW2[k] = 1 / (w * w);
        }
        for (int j = lobes; j < n; j++) {
            dir[j] = rng.unitVector();
            amp[j] = rng.uniform(0.4, 1.0) * (0.6 + spiculation);
            double w = rng.uniform(0.055, 0.1);
            invW2[j] = 1 / (w * w);
        }
        TumourShape unit = new TumourShape(0, 0, 0, 1, dir, amp, invW2, lobes, 0, 0, 0, new double[3], 0);
        // quadrature of the unit shape: volume = integral of rho^3/3, first moment = integral of rho^4/4 d
        double v = 0;
        double mx = 0;
        double my = 0;
        double mz = 0;
        double sum = 0;
        double sum2 = 0;
        double maxAll = 0;
        double maxBody = 0;
        for (double[] d : SPHERE) {
            double rho = unit.rho(d[0], d[1], d[2]);
            double body = unit.rhoBody(d[0], d[1], d[2]);
            v += rho * rho * rho / 3;
            double m = rho * rho * rho * rho / 4;
            mx += m * d[0];
            my += m * d[1];
            mz += m * d[2];
            sum += rho;
            sum2 += rho * rho;
            maxAll = Math.max(maxAll, rho);
            maxBody = Math.max(maxBody, body);
        }
        for (double[] d : dir) {
            maxAll = Math.max(maxAll, unit.rho(d[0], d[1], d[2]));
            maxBody = Math.max(maxBody, unit.rhoBody(d[0], d[1], d[2]));
        }
        double w = 4 * Math.PI / SPHERE.length;
        double unitVolume = v * w;
        double r0 = StrictMath.cbrt(volumeMm3 / unitVolume);
        double mean = sum / SPHERE.length;
        double cv = Math.sqrt(Math.max(0, sum2 / SPHERE.length - mean * mean)) / mean;
        double scale = r0 * r0 * r0 * r0 * w / volumeMm3;
        double[] com = {mx * scale, my * scale, mz * scale};
        // the spicule tips are narrow: add a margin so rMax is an upper bound
        return new TumourShape(0, 0, 0, r0, dir, amp, invW2, lobes, volumeMm3, r0 * maxAll * 1.02 + 0.5,
                r0 * maxBody * 1.02, com, cv);
    }

    /** The same shape centred at a point. */
    TumourShape at(double x, double y, double z) {
        double[] com = {x + centreOfMass[0] - cx, y + centreOfMass[1] - cy, z + centreOfMass[2] - cz};
        return new TumourShape(x, y, z, r0, bumpDir, bumpAmp, bumpInvW2, lobes, volumeMm3, rMax, rMaxBody, com,
                radiusCv);
    }

    /** Dimensionless surface radius in unit direction d. */
    double rho(double dx, double dy, double dz) {
        double r = 1;
        for (int k = 0; k < bumpDir.length; k++) {
            double[] e = bumpDir[k];
            double x = (dx * e[0] + dy * e[1] + dz * e[2] - 1) * bumpInvW2[k];
            if (x > -12) {
                r += bumpAmp[k] * Math.exp(x);
            }
        }
        return r;
    }

    private double rhoBody(double dx, double dy, double dz) {
        double r = 1;
        for (int k = 0; k < lobes; k++) {
            double[] e = bumpDir[k];
            double x = (dx * e[0] + dy * e[1] + dz * e[2] - 1) * bumpInvW2[k];
            if (x > -12) {
                r += bumpAmp[k] * Math.exp(x);
            }
        }
        return r;
    }

    /** Surface radius (mm) in unit direction d. */
    double radius(double dx, double dy, double dz) {
        return r0 * rho(dx, dy, dz);
    }

    /**
     * Distance from the centre relative to the surface radius in the same direction: below 1 inside,
     * 0 at the centre. Returns a large value quickly for points beyond {@link #rMax}.
     */
    double relativeRadius(double x, double y, double z) {
        double dx = x - cx;
        double dy = y - cy;
        double dz = z - cz;
        double r2 = dx * dx + dy * dy + dz * dz;
        if (r2 > rMax * rMax) {
            return 2;
        }
        if (r2 == 0) {
            return 0;
        }
        double r = Math.sqrt(r2);
        return r / radius(dx / r, dy / r, dz / r);
    }

    boolean contains(double x, double y, double z) {
        return relativeRadius(x, y, z) < 1;
    }

    private static double[][] fibonacciSphere(int n) {
        double[][] points = new double[n][];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < n; i++) {
            double z = 1 - (2 * i + 1.0) / n;
            double r = Math.sqrt(1 - z * z);
            double phi = golden * i;
            points[i] = new double[] {r * StrictMath.cos(phi), r * StrictMath.sin(phi), z};
        }
        return points;
    }
}

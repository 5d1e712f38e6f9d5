/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/** The CT and PET grids of one patient in one profile; both share the patient's frame of reference. */
record ScanGeometry(Grid ct, Grid pet) {

    static ScanGeometry sample(SyntheticPatient p, Profile profile, Rng rng) {
        Anatomy an = p.anatomy;
        int xSign = p.feetFirst ? -1 : 1;
        // CT: pixel size large enough that the body fits, reconstruction centre near the body centre
        int n = profile.ctMatrix;
        double pixel = Math.max(rng.uniform(profile.ctPixelMin, profile.ctPixelMax), (2 * an.a + 24) / n);
        pixel = Math.ceil(pixel * 1e4) / 1e4;
        double half = n * pixel / 2;
        double slackX = Math.max(0, Math.min(25, half - an.a - 8));
        double slackY = Math.max(0, Math.min(25, half - an.b - 8));
        double rcx = an.ox + rng.uniform(-slackX, slackX);
        double rcy = an.oy + rng.uniform(-slackY, slackY);
        double spacing = profile.ctSpacings[rng.nextInt(profile.ctSpacings.length)];
        int slices;
        double zTop;
        if (profile.ctSlicesAroundTumour > 0) {
            slices = profile.ctSlicesAroundTumour;
            double centre = p.tumour.cz + rng.uniform(-25, 25);
            zTop = centre + (slices - 1) * spacing / 2;
        } else {
            double coverage = rng.uniform(profile.ctCoverageMin, profile.ctCoverageMax);
            slices = (int) Math.round(coverage / spacing);
            zTop = an.lungTopZ() + rng.uniform(15, 35);
            double needBottom = an.lungBottomZ() - 10;
            if (zTop - (slices - 1) * spacing > needBottom) {
                slices = (int) Math.ceil((zTop - needBottom) / spacing) + 1;
            }
        }
        zTop = Math.round(zTop * 2) / 2.0;
        Grid ct = grid(n, n, pixel, spacing, xSign, rcx, rcy, zTop, slices, p.feetFirst);
        // PET: larger field of view centred on the scanner axis, covering the CT range with a margin
        int m = profile.petMatrices[rng.nextInt(profile.petMatrices.length)];
        double petPixel = Math.round(rng.uniform(profile.petPixelMin, profile.petPixelMax) * 1e4) / 1e4;
        double petSpacing = Math.round(rng.uniform(profile.petSpacingMin, profile.petSpacingMax) * 100) / 100.0;
        double marginTop = rng.uniform(10, 40);
        double marginBottom = rng.uniform(10, 40);
        double petTop = Math.round((ct.maxZ() + marginTop) * 100) / 100.0;
        int petSlices = (int) Math.ceil((ct.maxZ() - ct.minZ() + marginTop + marginBottom) / petSpacing) + 1;
        Grid pet = grid(m, m, petPixel, petSpacing, xSign, rng.uniform(-3, 3), rng.uniform(-3, 3), petTop, petSlices,
                p.feetFirst);
        return new ScanGeometry(ct, pet);
    }

    /**
     * A grid centred at (cx, cy) with slices from zTop downwards; head-first series are stored from
     * the top (head) down, feet-first series from the bottom (feet) up.
     */
    private static Grid grid(int cols, int rows, double pixel, double spacing, int xSign, double cx, double cy,
            double zTop, int slices, boolean feetFirst) {
        double x0 = Math.round((cx - xSign * (cols - 1) / 2.0 * pixel) * 1000) / 1000.0;
        double y0 = Math.round((cy - (rows - 1) / 2.0 * pixel) * 1000) / 1000.0;
        double[] z = new double[slices];
        for (int k = 0; k < slices; k++) {
            int fromTop = feetFirst ? slices - 1 - k : k;
            z[k] = Math.round((zTop - fromTop * spacing) * 10000) / 10000.0;
        }
        return new Grid(cols, rows, pixel, spacing, xSign, x0, y0, z);
    }
}

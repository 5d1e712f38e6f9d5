/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.segmentation.SeededRandom;
import java.util.ArrayList;
import java.util.List;

/** Seeded synthetic cases: a bright noisy ellipsoid (the "tumour") in a noisy darker background. */
final class Ellipsoids {

    private Ellipsoids() {
    }

    static List<TrainingCase> cases(int count, int nx, int ny, int nz, long seed) {
        SeededRandom r = new SeededRandom(seed);
        List<TrainingCase> cases = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            double rx = nx * (0.1 + 0.12 * r.nextDouble());
            double ry = ny * (0.1 + 0.12 * r.nextDouble());
            double rz = nz * (0.1 + 0.12 * r.nextDouble());
            double cx = nx * (0.3 + 0.4 * r.nextDouble());
            double cy = ny * (0.3 + 0.4 * r.nextDouble());
            double cz = nz * (0.3 + 0.4 * r.nextDouble());
            float[] image = new float[nx * ny * nz];
            float[] mask = new float[image.length];
            for (int z = 0, i = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++, i++) {
                        double d = sq((x - cx) / rx) + sq((y - cy) / ry) + sq((z - cz) / rz);
                        mask[i] = d <= 1 ? 1 : 0;
                        image[i] = (float) ((d <= 1 ? 0.65 : 0.35) + 0.1 * r.nextGaussian());
                    }
                }
            }
            cases.add(new TrainingCase(String.format("case-%03d", c), image, mask));
        }
        return cases;
    }

    private static double sq(double v) {
        return v * v;
    }
}

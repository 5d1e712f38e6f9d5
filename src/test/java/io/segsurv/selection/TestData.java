/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

final class TestData {

    private TestData() {
    }

    /** Two-pass Pearson correlation of two columns (brute-force reference). */
    static double pearson(FeatureMatrix m, int a, int b) {
        int n = m.patients();
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += m.get(i, a);
            mb += m.get(i, b);
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double x = m.get(i, a) - ma;
            double y = m.get(i, b) - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Random correlated groups: p features x n patients around {@code groups} latent factors. */
    static FeatureMatrix groups(int n, int p, int groups, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] latent = new double[groups][n];
        for (double[] l : latent) {
            for (int i = 0; i < n; i++) {
                l[i] = r.nextGaussian();
            }
        }
        double[] v = new double[n * p];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            int g = r.nextInt(groups);
            double load = 0.5 + r.nextDouble() * 1.5;
            for (int i = 0; i < n; i++) {
                v[j * n + i] = load * latent[g][i] + r.nextGaussian();
            }
            names.add("g" + j);
        }
        return FeatureMatrix.ofFeatureMajor(n, v, names);
    }
}

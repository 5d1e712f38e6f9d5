/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Log-rank test of equal survival in two or more groups (R {@code survival::survdiff} with rho = 0).
 *
 * <p>References: N. Mantel, "Evaluation of survival data and two new rank order statistics arising
 * in its consideration", Cancer Chemotherapy Reports 50:163-170, 1966; R. Peto, J. Peto,
 * "Asymptotically efficient rank invariant test procedures", JRSS A 135:185-207, 1972.
 *
 * <p>At each distinct event time with n at risk and d events (n_g, d_g in group g): E_g += n_g d /
 * n, V_gh += d (n - d) / (n - 1) * n_g / n * (delta_gh - n_h / n). The statistic is U' V^-1 U over
 * the first G - 1 groups with U = O - E, chi-square with G - 1 degrees of freedom. Groups are the
 * distinct labels, in ascending order.
 *
 * @param groupLabels distinct group labels, ascending
 * @param observed observed events per group
 * @param expected expected events per group
 * @param chiSquare test statistic
 * @param degreesOfFreedom G - 1
 * @param pValue upper chi-square tail
 */
public record LogRank(int[] groupLabels, double[] observed, double[] expected, double chiSquare, int degreesOfFreedom,
        double pValue) {

    public LogRank {
        groupLabels = groupLabels.clone();
        observed = observed.clone();
        expected = expected.clone();
    }

    @Override
    public int[] groupLabels() {
        return groupLabels.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    /**
     * Computes the test.
     *
     * @param time follow-up times, finite and &gt;= 0
     * @param status 1 = event, 0 = censored
     * @param group group label per subject; at least two distinct labels
     */
    public static LogRank compute(double[] time, int[] status, int[] group) {
        Checks.survival(time, status);
        Checks.notNull(group, "group");
        Checks.sameLength("time", time.length, "group", group.length);
        int[] labels = Arrays.stream(group).distinct().sorted().toArray();
        int g = labels.length;
        if (g < 2) {
            throw new IllegalArgumentException("the log-rank test needs at least 2 groups, got " + g);
        }
        TreeMap<Integer, Integer> index = new TreeMap<>();
        for (int k = 0; k < g; k++) {
            index.put(labels[k], k);
        }
        int n = time.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        double[] atRisk = new double[g];
        for (int v : group) {
            atRisk[index.get(v)]++;
        }
        double[] obs = new double[g];
        double[] exp = new double[g];
        double[][] var = new double[g][g];
        double total = n;
        int i = 0;
        while (i < n) {
            double t = time[order[i]];
            double[] d = new double[g];
            double[] left = new double[g];
            double dt = 0;
            while (i < n && time[order[i]] == t) {
                int k = index.get(group[order[i]]);
                left[k]++;
                if (status[order[i]] == 1) {
                    d[k]++;
                    dt++;
                }
                i++;
            }
            if (dt > 0) {
                for (int a = 0; a < g; a++) {
                    obs[a] += d[a];
                    exp[a] += atRisk[a] * dt / total;
                    if (total > 1) {
                        double f = dt * (total - dt) / (total - 1) * atRisk[a] / total;
                        for (int b = 0; b < g; b++) {
                            var[a][b] += f * ((a == b ? 1 : 0) - atRisk[b] / total);
                        }
                    }
                }
            }
            double out = 0;
            for (int a = 0; a < g; a++) {
                atRisk[a] -= left[a];
                out += left[a];
            }
            total -= out;
        }
        double[][] v = new double[g - 1][g - 1];
        double[] u = new double[g - 1];
        for (int a = 0; a < g - 1; a++) {
            u[a] = obs[a] - exp[a];
            for (int b = 0; b < g - 1; b++) {
                v[a][b] = var[a][b];
            }
        }
        double[] x = Matrices.solve(Matrices.cholesky(v, "log-rank variance matrix"), u);
        double chi = 0;
        for (int a = 0; a < g - 1; a++) {
            chi += u[a] * x[a];
        }
        return new LogRank(labels, obs, exp, chi, g - 1, Distributions.chiSquareUpperTail(chi, g - 1));
    }
}

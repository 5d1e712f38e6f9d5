/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.bench;

import io.segsurv.selection.FeatureMatrix;
import io.segsurv.stats.CrossValidation;
import io.segsurv.stats.FeatureTable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 4's whole-protocol target: the paper's protocol (4 endpoints x 6 folds, k from 2 to 40 with
 * 10 restarts each, exact silhouette, LASSO with inner 10-fold CV, logistic regression) on 110,592
 * synthetic bottleneck features x 96 patients, at most 5 minutes on 2 cores, peak heap stated.
 * Survival depends on two of the latent factors behind the features, so the endpoints are
 * learnable. Not a test: run {@code java -XX:+UseParallelGC -Xmx8g -cp
 * target/classes:target/test-classes:$(cat cp.txt) io.segsurv.bench.ProtocolBench [features]
 * [patients]}.
 */
public final class ProtocolBench {

    private ProtocolBench() {
    }

    public static void main(String[] args) {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 110_592;
        int patients = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        int factors = 300;
        long seed = 2019;
        FeatureMatrix m = KMedoidsBench.synthetic(patients, features, factors, seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            ids.add(String.format(Locale.ROOT, "P%03d", i));
        }
        double[] values = new double[patients * features];
        for (int i = 0; i < patients; i++) {
            for (int j = 0; j < features; j++) {
                values[i * features + j] = m.get(i, j);
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add(m.name(j));
        }
        FeatureTable table = new FeatureTable(ids, names, values);
        Map<String, Map<String, Integer>> endpoints = outcomes(m, ids, seed);

        CrossValidation.Options options = CrossValidation.Options.paper(7);
        System.out.printf(Locale.ROOT, "data: %d features x %d patients; %d threads; protocol: %d folds, k %d..%d, %d restarts,"
                + " lambda %s, inner %d folds%n", features, patients, options.threads(), options.folds(), options.kMin(),
                options.kMax(), options.restarts(), options.lambdaRule(), options.innerFolds());
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        for (var e : endpoints.entrySet()) {
            long t1 = System.nanoTime();
            CrossValidation.Result r = CrossValidation.run(e.getKey(), table, e.getValue(), options);
            var auc = r.summary().get("auc");
            System.out.printf(Locale.ROOT, "%s: %d patients, %d deaths, AUC %.3f (fold interval %.3f-%.3f), chosen k %s,"
                    + " %.1f s%n", e.getKey(), r.patients(), r.deaths(), auc.mean(), auc.foldInterval()[0],
                    auc.foldInterval()[1], r.folds().stream().map(f -> Integer.toString(f.chosenK())).toList(), secs(t1));
        }
        double total = secs(t0);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "protocol: %.1f s for 4 endpoints x %d folds; peak heap %.0f MB (sum of pool peaks)%n",
                total, options.folds(), peak / 1048576.0);
        System.out.printf(Locale.ROOT, "process CPU time %.1f s = %.1f s on %d cores (what the wall time would be without"
                + " other load on the machine; load average now %.2f)%n", cpu, cpu / options.threads(), options.threads(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "RATIO protocol/budget(300 s) = %.3f (goal <= 1)%n", total / 300);
    }

    /**
     * 2OS/5OS/2DS/5DS labels (1 = alive at the horizon, 0 = dead; censored before the horizon: not
     * qualifying; a death of another cause censors DS) from exponential survival whose hazard rises with two latent factors (read back
     * from the first features that load on them) and uniform censoring.
     */
    static Map<String, Map<String, Integer>> outcomes(FeatureMatrix m, List<String> ids, long seed) {
        SplittableRandom r = new SplittableRandom(seed + 1);
        int n = ids.size();
        double[] risk = new double[n];
        for (int i = 0; i < n; i++) {
            risk[i] = 0.8 * (m.get(i, 1) - m.get(i, 2)) + 0.6 * (m.get(i, 3) - m.get(i, 5));
        }
        double mean = java.util.Arrays.stream(risk).average().orElse(0);
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (String ep : List.of("2OS", "5OS", "2DS", "5DS")) {
            out.put(ep, new LinkedHashMap<>());
        }
        for (int i = 0; i < n; i++) {
            double hazard = 0.25 * Math.exp(0.5 * (risk[i] - mean));
            double death = -Math.log(1 - r.nextDouble()) / hazard;
            boolean cancer = r.nextDouble() < 0.8;
            double censor = 1.5 + r.nextDouble() * 8;
            for (int years : new int[] {2, 5}) {
                Integer os = death <= Math.min(years, censor) ? Integer.valueOf(0) : censor >= years ? 1 : null;
                Integer ds = os != null && os == 0 && !cancer ? null : os; // other-cause death: censored
                if (os != null) {
                    out.get(years + "OS").put(ids.get(i), os);
                }
                if (ds != null) {
                    out.get(years + "DS").put(ids.get(i), ds);
                }
            }
        }
        return out;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

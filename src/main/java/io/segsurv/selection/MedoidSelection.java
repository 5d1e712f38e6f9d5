/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.ArrayList;
import java.util.List;

/**
 * Baek et al. 2019 feature reduction: k-medoids of the features for every k in a range, R seeded
 * restarts per k (best loss kept), k chosen by the largest average silhouette. Both the exact
 * (Rousseeuw) and the medoid silhouette are reported for every k. Restart r of k uses a seed
 * derived from (seed, k, r) only, and restarts are compared in index order, so the result does not
 * depend on the thread count or on scheduling.
 *
 * <p>References: S. Baek et al., "Deep segmentation networks predict survival of non-small cell
 * lung cancer", Scientific Reports 9 (2019) 17286; P. J. Rousseeuw, "Silhouettes", J. Comput. Appl.
 * Math. 20 (1987) 53-65; algorithms in {@link AlternatingMedoids}, {@link FasterPam}.
 */
public final class MedoidSelection {

    public enum Algorithm { ALTERNATING, FASTER_PAM }

    public enum Criterion { EXACT_SILHOUETTE, MEDOID_SILHOUETTE }

    public record Options(int kMin, int kMax, int restarts, long seed, Algorithm algorithm, Criterion criterion,
            int threads) {
        public Options {
            if (kMin < 2) {
                throw new IllegalArgumentException("kMin must be at least 2, got kMin = " + kMin);
            }
            if (kMax < kMin) {
                throw new IllegalArgumentException("kMax must be >= kMin = " + kMin + ", got kMax = " + kMax);
            }
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts must be at least 1, got restarts = " + restarts);
            }
            if (algorithm == null || criterion == null) {
                throw new IllegalArgumentException("algorithm and criterion are required, got " + algorithm + ", " + criterion);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got threads = " + threads);
            }
        }

        /** Paper defaults: 10 restarts, default algorithm, exact silhouette. */
        public Options(int kMin, int kMax, long seed) {
            this(kMin, kMax, 10, seed, Algorithm.ALTERNATING, Criterion.EXACT_SILHOUETTE,
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withThreads(int t) {
            return new Options(kMin, kMax, restarts, seed, algorithm, criterion, t);
        }
    }

    /** Best of the restarts for one k, with its silhouettes. */
    public record PerK(int k, KMedoidsResult best, double exactSilhouette, double medoidSilhouette, double[] restartLosses) {
        public PerK {
            restartLosses = restartLosses.clone();
        }

        @Override
        public double[] restartLosses() {
            return restartLosses.clone();
        }
    }

    /**
     * @param perK one entry per k in the range, in order
     * @param chosen the entry with the best silhouette under {@code criterion}
     * @param droppedZeroVariance features dropped before clustering
     * @param duplicateGroups identical features merged into weighted objects
     */
    public record Result(List<PerK> perK, PerK chosen, Criterion criterion, List<String> droppedZeroVariance,
            List<List<String>> duplicateGroups) {
        public Result {
            perK = List.copyOf(perK);
        }

        /** Names of the chosen medoid features: the candidate pool for LASSO. */
        public List<String> medoidNames() {
            return chosen.best().medoidNames();
        }
    }

    private MedoidSelection() {
    }

    public static Result fit(FeatureMatrix matrix, Options options) {
        return fit(matrix.prepare(), options);
    }

    public static Result fit(PreparedFeatures data, Options options) {
        Initialisation.checkK(data, options.kMax());
        List<PerK> perK = new ArrayList<>();
        try (DistanceKernel kernel = new DistanceKernel(data, options.threads())) {
            for (int k = options.kMin(); k <= options.kMax(); k++) {
                KMedoidsResult best = null;
                double[] losses = new double[options.restarts()];
                for (int r = 0; r < options.restarts(); r++) {
                    long seed = restartSeed(options.seed(), k, r);
                    KMedoidsResult res = switch (options.algorithm()) {
                        case ALTERNATING -> new AlternatingMedoids(new AlternatingMedoids.Options(k, seed)
                                .withThreads(options.threads())).fit(kernel);
                        case FASTER_PAM -> new FasterPam(new FasterPam.Options(k, seed)
                                .withThreads(options.threads())).fit(kernel);
                    };
                    losses[r] = res.loss();
                    if (best == null || res.loss() < best.loss()) {
                        best = res;
                    }
                }
                perK.add(new PerK(k, best, Silhouette.exact(kernel, best).average(),
                        Silhouette.medoid(kernel, best).average(), losses));
            }
        }
        PerK chosen = perK.get(0);
        for (PerK e : perK) {
            double s = options.criterion() == Criterion.EXACT_SILHOUETTE ? e.exactSilhouette() : e.medoidSilhouette();
            double c = options.criterion() == Criterion.EXACT_SILHOUETTE ? chosen.exactSilhouette() : chosen.medoidSilhouette();
            if (s > c) {
                chosen = e;
            }
        }
        return new Result(perK, chosen, options.criterion(), data.droppedZeroVariance(), data.duplicateGroups());
    }

    /** SplitMix64-style mixing of (seed, k, restart): independent of execution order. */
    static long restartSeed(long seed, int k, int restart) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) k << 20) + restart);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

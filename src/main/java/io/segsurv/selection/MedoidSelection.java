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

    /** GROUPED is the default ({@link GroupedMedoids}); FASTER_PAM exact; ALTERNATING the earlier default. */
    public enum Algorithm { GROUPED, FASTER_PAM, ALTERNATING }

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
            this(kMin, kMax, 10, seed, Algorithm.GROUPED, Criterion.EXACT_SILHOUETTE,
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

    /** Groups and final swap rounds of the default algorithm over a range of k (see {@link #fit}). */
    static final int RANGE_GROUPS = 1024;
    static final int RANGE_POLISH_ROUNDS = 3;

    private MedoidSelection() {
    }

    public static Result fit(FeatureMatrix matrix, Options options) {
        return fit(matrix.prepare(), options);
    }

    public static Result fit(PreparedFeatures data, Options options) {
        Initialisation.checkK(data, options.kMax());
        List<PerK> perK = new ArrayList<>();
        try (DistanceKernel kernel = new DistanceKernel(data, options.threads())) {
            if (options.algorithm() == Algorithm.GROUPED) {
                return grouped(kernel, options);
            }
            for (int k = options.kMin(); k <= options.kMax(); k++) {
                KMedoidsResult best = null;
                double[] losses = new double[options.restarts()];
                for (int r = 0; r < options.restarts(); r++) {
                    long seed = restartSeed(options.seed(), k, r);
                    KMedoidsResult res = switch (options.algorithm()) {
                        case ALTERNATING -> new AlternatingMedoids(new AlternatingMedoids.Options(k, seed)
                                .withThreads(options.threads())).fit(kernel);
                        case FASTER_PAM, GROUPED -> new FasterPam(new FasterPam.Options(k, seed)
                                .withThreads(options.threads())).fit(kernel);
                    };
                    losses[r] = res.loss();
                    if (best == null || res.loss() < best.loss()) {
                        best = res;
                    }
                }
                perK.add(evaluate(kernel, k, best, losses));
            }
        }
        return result(data, options, perK);
    }

    /**
     * The default: one {@link FeatureGroups} partition for the whole range; per k the restarts run on
     * the group level and the best is refined on all features by alternation; the chosen k is then
     * refined further with swap rounds ({@link GroupedMedoids}). Restart losses are group-level
     * losses (upper bounds of the feature-level loss).
     */
    private static Result grouped(DistanceKernel kernel, Options options) {
        PreparedFeatures data = kernel.data();
        FeatureGroups groups = FeatureGroups.build(kernel, RANGE_GROUPS, 1, 1, options.seed());
        int kMax = Math.min(options.kMax(), groups.candidates.length);
        List<PerK> perK = new ArrayList<>();
        for (int k = options.kMin(); k <= kMax; k++) {
            long[] seeds = new long[options.restarts()];
            for (int r = 0; r < seeds.length; r++) {
                seeds[r] = restartSeed(options.seed(), k, r);
            }
            GroupedMedoids.Solution s = GroupedMedoids.solve(groups, kernel, k, seeds, 0, options.seed());
            perK.add(new PerK(k, s.result(), Silhouette.exact(kernel, s.result()).average(),
                    Silhouette.medoid(s.state()).average(), s.restartLosses()));
        }
        Result first = result(data, options, perK);
        // refine the chosen k with swap rounds, then choose again with its refined silhouette
        int k = first.chosen().k();
        GroupedMedoids.Solution polished = GroupedMedoids.polish(kernel, first.chosen().best().medoidObjects(),
                RANGE_POLISH_ROUNDS, options.seed(), groups);
        if (polished.result().loss() < first.chosen().best().loss()) {
            PerK better = new PerK(k, polished.result(), Silhouette.exact(kernel, polished.result()).average(),
                    Silhouette.medoid(polished.state()).average(), first.chosen().restartLosses());
            List<PerK> updated = new ArrayList<>(perK);
            updated.set(k - options.kMin(), better);
            return result(data, options, updated);
        }
        return first;
    }

    private static PerK evaluate(DistanceKernel kernel, int k, KMedoidsResult best, double[] losses) {
        return new PerK(k, best, Silhouette.exact(kernel, best).average(), Silhouette.medoid(kernel, best).average(),
                losses);
    }

    private static Result result(PreparedFeatures data, Options options, List<PerK> perK) {
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The default k-medoids for Pearson distance on many features: exact FasterPAM on a fine partition
 * of the features, then exact refinement on all features.
 *
 * <ol>
 *   <li>{@link FeatureGroups}: the features are split into about a thousand groups by spherical
 *       k-means; with unit vectors the cost of a group for any medoid is exact from the group's
 *       weight and sum, so the candidates x groups cost matrix is formed once per training set and
 *       shared by every k and restart;</li>
 *   <li>per restart, eager FasterPAM ({@link CostMatrixPam}) on that matrix from a seeded D1 start,
 *       the best group-level loss kept (restarts run in parallel; the result does not depend on the
 *       thread count);</li>
 *   <li>on all features: assignment to the nearest medoid, Park-Jun alternation with exact medoid
 *       updates (the member with the largest dot product with the cluster sum) and a few rounds of
 *       eager FasterPAM swaps restricted to the best members of each cluster, all of which never
 *       increase the loss; only k x N distances are formed.</li>
 * </ol>
 *
 * <p>References: E. Schubert, P. J. Rousseeuw, "Fast and eager k-medoids clustering", Information
 * Systems 101 (2021) 101804; I. S. Dhillon, D. S. Modha, "Concept decompositions for large sparse
 * text data using clustering", Machine Learning 42 (2001) 143-175; H.-S. Park, C.-H. Jun, "A simple
 * and fast algorithm for K-medoids clustering", Expert Systems with Applications 36 (2009)
 * 3336-3341; D. Feldman, M. Schmidt, C. Sohler, "Turning big data into tiny data", SODA 2013
 * (coresets).
 */
public final class GroupedMedoids {

    /**
     * @param k number of clusters (at least 2)
     * @param restarts seeded group-level starts; the best is refined
     * @param seed seed of the grouping, the starts and the refinement's random candidates
     * @param groups number of groups (more: closer to exact, slower); at least the number of
     *     features makes the group level exact FasterPAM
     * @param lloydSteps spherical k-means steps of the grouping
     * @param candidatesPerGroup candidate medoids taken from every group
     * @param polishRounds rounds of restricted swaps on all features after the alternation
     * @param threads threads (results do not depend on it)
     */
    public record Options(int k, int restarts, long seed, int groups, int lloydSteps, int candidatesPerGroup,
            int polishRounds, int threads) {
        public Options {
            if (k < 2) {
                throw new IllegalArgumentException("k must be at least 2, got k = " + k);
            }
            if (restarts < 1 || groups < 2 || lloydSteps < 0 || candidatesPerGroup < 1 || polishRounds < 0
                    || threads < 1) {
                throw new IllegalArgumentException("need restarts >= 1, groups >= 2, lloydSteps >= 0, "
                        + "candidatesPerGroup >= 1, polishRounds >= 0, threads >= 1; got " + restarts + ", " + groups
                        + ", " + lloydSteps + ", " + candidatesPerGroup + ", " + polishRounds + ", " + threads);
            }
        }

        /** Defaults: one start, 2048 groups, one k-means step, 2 candidates per group, 6 swap rounds. */
        public Options(int k, long seed) {
            this(k, 1, seed, DEFAULT_GROUPS, 1, 2, DEFAULT_POLISH_ROUNDS, Runtime.getRuntime().availableProcessors());
        }

        public Options withThreads(int t) {
            return new Options(k, restarts, seed, groups, lloydSteps, candidatesPerGroup, polishRounds, t);
        }

        public Options withRestarts(int r) {
            return new Options(k, r, seed, groups, lloydSteps, candidatesPerGroup, polishRounds, threads);
        }

        public Options withGroups(int g, int steps, int perGroup) {
            return new Options(k, restarts, seed, g, steps, perGroup, polishRounds, threads);
        }

        public Options withPolishRounds(int rounds) {
            return new Options(k, restarts, seed, groups, lloydSteps, candidatesPerGroup, rounds, threads);
        }
    }

    static final int DEFAULT_GROUPS = 2048;

    /** Swap candidates per cluster, random ones and group-screened ones per polishing round. */
    private static final int POLISH_PER_CLUSTER = 8;
    private static final int POLISH_RANDOM = 32;
    private static final int SCREENED = 64;
    static final int DEFAULT_POLISH_ROUNDS = 6;

    private final Options options;

    public GroupedMedoids(Options options) {
        this.options = options;
    }

    public static KMedoidsResult fit(PreparedFeatures data, Options options) {
        return new GroupedMedoids(options).fit(data);
    }

    public KMedoidsResult fit(PreparedFeatures data) {
        Initialisation.checkK(data, options.k());
        try (DistanceKernel kernel = new DistanceKernel(data, options.threads())) {
            FeatureGroups groups = FeatureGroups.build(kernel, options.groups(), options.lloydSteps(),
                    options.candidatesPerGroup(), options.seed());
            long[] seeds = new long[options.restarts()];
            for (int r = 0; r < seeds.length; r++) {
                seeds[r] = MedoidSelection.restartSeed(options.seed(), options.k(), r);
            }
            return solve(groups, kernel, options.k(), seeds, options.polishRounds(), options.seed()).result();
        }
    }

    /** A refined clustering with the group-level losses of its restarts and the final state. */
    record Solution(KMedoidsResult result, double[] restartLosses, FasterPam.Instance state) {
    }

    /**
     * Group-level FasterPAM from every seed (in parallel), the best refined on all features. Needs at
     * least k candidates.
     */
    static Solution solve(FeatureGroups groups, DistanceKernel kernel, int k, long[] seeds, int polishRounds,
            long polishSeed) {
        if (groups.candidates.length < k) {
            throw new IllegalArgumentException("k = " + k + " exceeds the " + groups.candidates.length
                    + " candidate medoids of the grouping");
        }
        int[][] medoids = new int[seeds.length][];
        double[] losses = new double[seeds.length];
        kernel.forEach(0, seeds.length, r -> {
            int[] start = CostMatrixPam.seed(groups.cost, groups.weight, groups.representative, k, seeds[r]);
            CostMatrixPam pam = new CostMatrixPam(groups.cost, start);
            pam.run(100);
            medoids[r] = pam.medoids.clone();
            losses[r] = pam.loss();
        });
        int best = 0;
        for (int r = 1; r < seeds.length; r++) {
            if (losses[r] < losses[best]) {
                best = r;
            }
        }
        Solution refined = polish(kernel, groups.objects(medoids[best]), polishRounds, polishSeed, groups);
        return new Solution(refined.result(), losses, refined.state());
    }

    /**
     * Refinement on all features from the given medoids (objects): alternation with exact medoid
     * updates, then up to {@code rounds} rounds of eager swaps restricted to the best members of each
     * cluster, candidates screened on the group level and a few random objects. Never increases the loss.
     */
    static Solution polish(DistanceKernel kernel, int[] medoidObjects, int rounds, long seed, FeatureGroups groups) {
        PreparedFeatures data = kernel.data();
        int k = medoidObjects.length;
        FasterPam.Instance run = new FasterPam.Instance(kernel, medoidObjects);
        if (groups.groups == data.objects && groups.candidates.length == data.objects) {
            return new Solution(run.result(1), new double[0], run); // every object its own group: exact FasterPAM
        }
        double[][] sums = new double[k][data.patients];
        double[] own = new double[data.objects];
        int iterations = AlternatingMedoids.alternate(data, run, sums, own);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL * k);
        for (int round = 0; round < rounds; round++) {
            int[] local = AlternatingMedoids.candidates(data, run, own, rnd, POLISH_PER_CLUSTER, POLISH_RANDOM);
            int[] screened = groups.screen(run.medoids, SCREENED, kernel);
            int[] candidates = IntStream.concat(Arrays.stream(screened), Arrays.stream(local)).distinct().sorted()
                    .toArray();
            if (candidates.length == 0 || run.run(candidates, 1) == 0) {
                break;
            }
            iterations += AlternatingMedoids.alternate(data, run, sums, own);
        }
        return new Solution(run.result(iterations), new double[0], run);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Default k-medoids for unit vectors: Park-Jun alternation with exact medoid updates, a CLARA-style
 * exact FasterPAM refinement on a sample, and a few eager FasterPAM swap passes over a short
 * candidate list on all objects.
 *
 * <p>With unit vectors the Pearson distance is linear in either argument, {@code d(x, y) = 1 - x.y},
 * so the within-cluster cost of a candidate medoid x is {@code W_C - x . S_C} with {@code S_C} the
 * weighted sum of the cluster: the exact medoid of a cluster is the member with the largest dot
 * product with S_C, found in O(|C| n) instead of O(|C|^2 n). From a weighted k-means++ seeding the
 * algorithm alternates (1) assignment to the nearest medoid and (2) this exact medoid update (Park
 * and Jun 2009, never increases the loss); then runs exact eager FasterPAM on the medoids plus a
 * seeded random sample of {@link #SAMPLE} objects (the sample's medoids are kept if, after
 * alternation, they lower the loss on all objects); then alternates with eager FasterPAM swaps
 * restricted to the best few members of every cluster and a few random objects. Only k x N and
 * sample x sample distances are formed, never N x N.
 *
 * <p>References: H.-S. Park, C.-H. Jun, "A simple and fast algorithm for K-medoids clustering",
 * Expert Systems with Applications 36 (2009) 3336-3341; L. Kaufman, P. J. Rousseeuw, "Finding
 * groups in data" (1990), CLARA; E. Schubert, P. J. Rousseeuw, "Fast and eager k-medoids
 * clustering", Information Systems 101 (2021) 101804 (FasterPAM swaps); D. Arthur, S.
 * Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
 */
public final class AlternatingMedoids {

    /**
     * @param k number of clusters (at least 2)
     * @param initialMedoids original column indices of the start, or null for seeded k-means++
     * @param seed seed of the start and of the random swap candidates
     * @param maxRounds maximum rounds of (alternation, swap passes)
     * @param candidatesPerCluster swap candidates taken from each cluster (best by dot with the cluster sum)
     * @param randomCandidates additional random swap candidates per round
     * @param threads threads of the distance kernel (results do not depend on it)
     */
    public record Options(int k, int[] initialMedoids, long seed, int maxRounds, int candidatesPerCluster,
            int randomCandidates, int threads) {
        public Options {
            if (k < 2) {
                throw new IllegalArgumentException("k must be at least 2, got k = " + k);
            }
            if (maxRounds < 1) {
                throw new IllegalArgumentException("maxRounds must be at least 1, got maxRounds = " + maxRounds);
            }
            if (candidatesPerCluster < 0 || randomCandidates < 0) {
                throw new IllegalArgumentException("candidate counts must be >= 0, got candidatesPerCluster = "
                        + candidatesPerCluster + ", randomCandidates = " + randomCandidates);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got threads = " + threads);
            }
            if (initialMedoids != null) {
                initialMedoids = initialMedoids.clone();
                if (initialMedoids.length != k) {
                    throw new IllegalArgumentException("initialMedoids has " + initialMedoids.length
                            + " entries, expected k = " + k);
                }
            }
        }

        public Options(int k, long seed) {
            this(k, null, seed, 4, 8, 32, Runtime.getRuntime().availableProcessors());
        }

        public Options withThreads(int t) {
            return new Options(k, initialMedoids, seed, maxRounds, candidatesPerCluster, randomCandidates, t);
        }

        public Options withInitialMedoids(int... m) {
            return new Options(k, m, seed, maxRounds, candidatesPerCluster, randomCandidates, threads);
        }

        @Override
        public int[] initialMedoids() {
            return initialMedoids == null ? null : initialMedoids.clone();
        }
    }

    private final Options options;

    public AlternatingMedoids(Options options) {
        this.options = options;
    }

    public static KMedoidsResult fit(PreparedFeatures data, Options options) {
        return new AlternatingMedoids(options).fit(data);
    }

    public KMedoidsResult fit(PreparedFeatures data) {
        Initialisation.checkK(data, options.k());
        try (DistanceKernel kernel = new DistanceKernel(data, options.threads())) {
            return fit(kernel);
        }
    }

    KMedoidsResult fit(DistanceKernel kernel) {
        PreparedFeatures data = kernel.data();
        int k = options.k();
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int[] start = options.initialMedoids() != null ? Initialisation.given(data, options.initialMedoids())
                : Initialisation.plusPlus(kernel, k, rnd.nextLong());
        int size = data.objects;
        int n = data.patients;
        double[][] sums = new double[k][n];
        double[] own = new double[size];
        int iterations = 0;
        FasterPam.Instance run = new FasterPam.Instance(kernel, start);
        iterations += alternate(data, run, sums, own);
        // exact eager FasterPAM on a sample, started at the alternation's medoids; kept if the full loss improves
        int[] polished = sampledSwaps(kernel, run.medoids, rnd.nextLong(), options.threads());
        if (!Arrays.equals(polished, run.medoids)) {
            int[] before = run.medoids.clone();
            double old = run.loss();
            run.setMedoids(polished);
            iterations += alternate(data, run, sums, own);
            if (!(run.loss() < old)) {
                run.setMedoids(before);
                exactMedoids(data, run.nearest, k, sums, own);
            }
        }
        for (int round = 0; round < options.maxRounds(); round++) {
            for (int step = 0; step < 100; step++) {
                iterations++;
                int[] next = exactMedoids(data, run.nearest, k, sums, own);
                if (Arrays.equals(next, run.medoids)) {
                    break;
                }
                run.setMedoids(next);
            }
            int[] candidates = candidates(data, run, own, rnd);
            if (candidates.length == 0 || run.run(candidates, 1) == 0) {
                break;
            }
        }
        return run.result(iterations);
    }

    /** Objects of the random sample on which exact eager FasterPAM refines the medoids. */
    static final int SAMPLE = 8000;

    /** Whether an m x m distance cache fits in half the free heap. */
    private static boolean fits(int m) {
        Runtime rt = Runtime.getRuntime();
        return (long) m * m * Double.BYTES <= (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) / 2;
    }

    /** Alternates assignment and exact medoid update until the medoids repeat; returns the steps. */
    static int alternate(PreparedFeatures data, FasterPam.Instance run, double[][] sums, double[] own) {
        int steps = 0;
        while (steps < 100) {
            steps++;
            int[] next = exactMedoids(data, run.nearest, run.k, sums, own);
            if (Arrays.equals(next, run.medoids)) {
                break;
            }
            run.setMedoids(next);
        }
        return steps;
    }

    /**
     * Exact eager FasterPAM (all candidates, cached distances) on the medoids plus a seeded random
     * sample of {@link #SAMPLE} objects, started at {@code medoids}; returns the sample's medoids as
     * objects of the full data (CLARA-style, Kaufman and Rousseeuw 1990).
     */
    static int[] sampledSwaps(DistanceKernel kernel, int[] medoids, long seed, int threads) {
        PreparedFeatures data = kernel.data();
        int size = data.objects;
        int n = data.patients;
        if (size <= SAMPLE + medoids.length) { // small data: exact FasterPAM on all objects
            FasterPam.Instance all = new FasterPam.Instance(kernel, medoids);
            all.run(null, 100, fits(size));
            return all.medoids.clone();
        }
        boolean[] in = new boolean[size];
        for (int o : Initialisation.random(data, SAMPLE, seed)) {
            in[o] = true;
        }
        for (int m : medoids) {
            in[m] = true;
        }
        int m = 0;
        for (boolean b : in) {
            m += b ? 1 : 0;
        }
        int[] objects = new int[m];
        int[] local = new int[size];
        for (int o = 0, j = 0; o < size; o++) {
            if (in[o]) {
                local[o] = j;
                objects[j++] = o;
            }
        }
        PreparedFeatures sample = data.subset(objects);
        int[] start = new int[medoids.length];
        for (int c = 0; c < start.length; c++) {
            start[c] = local[medoids[c]];
        }
        try (DistanceKernel sk = new DistanceKernel(sample, threads)) {
            FasterPam.Instance sr = new FasterPam.Instance(sk, start);
            sr.run(null, 100, fits(m));
            int[] out = new int[medoids.length];
            for (int c = 0; c < out.length; c++) {
                out[c] = objects[sr.medoids[c]];
            }
            return out;
        }
    }


    /** {@code sums[c] = sum over members o of c of w_o u_o}. */
    static void clusterSums(PreparedFeatures data, int[] nearest, double[][] sums) {
        int size = data.objects;
        int n = data.patients;
        double[] u = data.unit;
        double[] w = data.weight;
        for (int i = 0; i < n; i++) {
            for (double[] sc : sums) {
                sc[i] = 0;
            }
            int row = i * size;
            for (int o = 0; o < size; o++) {
                sums[nearest[o]][i] += w[o] * u[row + o];
            }
        }
    }

    /** For each cluster the member with the largest dot product with the weighted cluster sum; {@code own[o] = u_o . S_{c(o)}}. */
    static int[] exactMedoids(PreparedFeatures data, int[] nearest, int k, double[][] sums, double[] own) {
        int size = data.objects;
        int n = data.patients;
        double[] u = data.unit;
        double[] w = data.weight;
        clusterSums(data, nearest, sums);
        Arrays.fill(own, 0);
        for (int i = 0; i < n; i++) {
            int row = i * size;
            for (int o = 0; o < size; o++) {
                own[o] += u[row + o] * sums[nearest[o]][i];
            }
        }
        int[] best = new int[k];
        Arrays.fill(best, -1);
        for (int o = 0; o < size; o++) {
            int c = nearest[o];
            if (best[c] < 0 || own[o] > own[best[c]]) {
                best[c] = o;
            }
        }
        return best;
    }

    private int[] candidates(PreparedFeatures data, FasterPam.Instance run, double[] own, SplittableRandom rnd) {
        return candidates(data, run, own, rnd, options.candidatesPerCluster(), options.randomCandidates());
    }

    /**
     * For every label the {@code per} objects with the largest score (descending; small
     * insertion-sorted lists), objects with {@code skip[o]} left out ({@code skip} may be null).
     */
    static int[][] topMembers(int[] label, int labels, double[] score, int per, boolean[] skip) {
        int[][] top = new int[labels][per];
        int[] len = new int[labels];
        for (int o = 0; o < label.length; o++) {
            if (skip != null && skip[o]) {
                continue;
            }
            int c = label[o];
            int[] t = top[c];
            int l = len[c];
            if (l == per && score[t[l - 1]] >= score[o]) {
                continue;
            }
            int pos = l == per ? l - 1 : l;
            while (pos > 0 && score[t[pos - 1]] < score[o]) {
                t[pos] = t[pos - 1];
                pos--;
            }
            t[pos] = o;
            if (l < per) {
                len[c]++;
            }
        }
        for (int c = 0; c < labels; c++) {
            top[c] = Arrays.copyOf(top[c], len[c]);
        }
        return top;
    }

    /** Swap candidates: the best {@code per} non-medoid members of every cluster and {@code random} random objects. */
    static int[] candidates(PreparedFeatures data, FasterPam.Instance run, double[] own, SplittableRandom rnd, int per,
            int random) {
        int size = data.objects;
        int k = run.k;
        TreeSet<Integer> set = new TreeSet<>();
        if (per > 0) {
            for (int[] members : topMembers(run.nearest, k, own, per, run.isMedoid)) {
                for (int o : members) {
                    set.add(o);
                }
            }
        }
        int extra = Math.min(random, size);
        for (int i = 0; i < extra; i++) {
            int o = rnd.nextInt(size);
            if (!run.isMedoid[o]) {
                set.add(o);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;

/**
 * Exact FasterPAM k-medoids with eager swaps, for weighted objects under Pearson distance.
 *
 * <p>Candidates are visited in object order; each is compared with all objects (distances computed
 * on the fly, a block of candidates at a time, by {@link DistanceKernel}) and the best removal is
 * found in O(N) with the FastPAM1 decomposition; an improving swap is applied at once (eager).
 * The run ends when every candidate has been tried since the last swap. The k x N distances of
 * the current medoids are kept, never the N x N matrix.
 *
 * <p>References: E. Schubert, P. J. Rousseeuw, "Fast and eager k-medoids clustering: O(k) runtime
 * improvement of the PAM, CLARA, and CLARANS algorithms", Information Systems 101 (2021) 101804;
 * L. Kaufman, P. J. Rousseeuw, "Clustering by means of medoids" (1987) for PAM.
 */
public final class FasterPam {

    /**
     * @param k number of clusters (at least 2, at most the number of objects)
     * @param initialMedoids original column indices of the starting medoids, or null for a random start
     * @param seed seed of the random start
     * @param maxPasses maximum passes over all candidates
     * @param threads threads of the distance kernel (results do not depend on it)
     * @param cacheBytes memory allowed for keeping candidate distance rows between passes (the N x N
     *     matrix is built, half of it by symmetry, only if it fits); negative: half of the free heap
     */
    public record Options(int k, int[] initialMedoids, long seed, int maxPasses, int threads, long cacheBytes) {
        public Options {
            if (k < 2) {
                throw new IllegalArgumentException("k must be at least 2, got k = " + k);
            }
            if (maxPasses < 1) {
                throw new IllegalArgumentException("maxPasses must be at least 1, got maxPasses = " + maxPasses);
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
                if (Arrays.stream(initialMedoids).distinct().count() != k) {
                    throw new IllegalArgumentException("initialMedoids repeat a feature: " + Arrays.toString(initialMedoids));
                }
            }
        }

        public Options(int k, long seed) {
            this(k, null, seed, 100, Runtime.getRuntime().availableProcessors(), -1);
        }

        public Options withInitialMedoids(int... medoids) {
            return new Options(k, medoids, seed, maxPasses, threads, cacheBytes);
        }

        public Options withThreads(int t) {
            return new Options(k, initialMedoids, seed, maxPasses, t, cacheBytes);
        }

        public Options withCacheBytes(long bytes) {
            return new Options(k, initialMedoids, seed, maxPasses, threads, bytes);
        }

        @Override
        public int[] initialMedoids() {
            return initialMedoids == null ? null : initialMedoids.clone();
        }
    }

    private final Options options;

    public FasterPam(Options options) {
        this.options = options;
    }

    public static KMedoidsResult fit(PreparedFeatures data, Options options) {
        return new FasterPam(options).fit(data);
    }

    public KMedoidsResult fit(PreparedFeatures data) {
        Initialisation.checkK(data, options.k());
        try (DistanceKernel kernel = new DistanceKernel(data, options.threads())) {
            return fit(kernel);
        }
    }

    KMedoidsResult fit(DistanceKernel kernel) {
        PreparedFeatures data = kernel.data();
        int[] start = options.initialMedoids() != null ? Initialisation.given(data, options.initialMedoids())
                : Initialisation.random(data, options.k(), options.seed());
        Instance run = new Instance(kernel, start);
        long budget = options.cacheBytes();
        if (budget < 0) {
            Runtime rt = Runtime.getRuntime();
            budget = (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) / 2;
        }
        long need = (long) data.objects * data.objects * Double.BYTES;
        run.run(null, options.maxPasses(), need <= budget);
        return run.result(run.passes);
    }

    /** State of one run: medoids, their distance rows, nearest and second-nearest per object. */
    static final class Instance {
        /** Candidates whose distances are computed together. */
        static final int BLOCK = 16;
        /** Candidates per block when all distance rows are cached (a divisor of {@link DistanceKernel#TILE}). */
        static final int CACHED_BLOCK = 64;
        /** Objects per parallel task when copying cached distances. */
        static final int COPY_CHUNK = 1024;

        final DistanceKernel kernel;
        final PreparedFeatures data;
        final int k;
        final int size;
        final int[] medoids;
        final boolean[] isMedoid;
        final double[][] dmed;
        final int[] nearest;
        final double[] dn;
        final double[] ds;
        final double[] removal;
        long swaps;
        int passes;

        Instance(DistanceKernel kernel, int[] medoidObjects) {
            this.kernel = kernel;
            this.data = kernel.data();
            this.k = medoidObjects.length;
            this.size = data.objects;
            this.medoids = medoidObjects.clone();
            this.isMedoid = new boolean[size];
            this.dmed = new double[k][size];
            this.nearest = new int[size];
            this.dn = new double[size];
            this.ds = new double[size];
            this.removal = new double[k];
            for (int m : medoids) {
                isMedoid[m] = true;
            }
            kernel.distancesOfObjects(medoids, 0, k, dmed);
            assign();
        }

        /** Recomputes nearest / second-nearest from the medoid rows, and the removal losses. */
        void assign() {
            Arrays.fill(removal, 0);
            for (int o = 0; o < size; o++) {
                int best = 0;
                double d1 = dmed[0][o];
                double d2 = Double.POSITIVE_INFINITY;
                for (int c = 1; c < k; c++) {
                    double d = dmed[c][o];
                    if (d < d1) {
                        d2 = d1;
                        d1 = d;
                        best = c;
                    } else if (d < d2) {
                        d2 = d;
                    }
                }
                if (isMedoid[o] && medoids[best] != o) { // a medoid is its own cluster's member, whatever the rounding
                    for (int c = 0; c < k; c++) {
                        if (medoids[c] == o) {
                            d2 = d1;
                            d1 = dmed[c][o];
                            best = c;
                        }
                    }
                }
                nearest[o] = best;
                dn[o] = d1;
                ds[o] = d2;
                removal[best] += data.weight[o] * (d2 - d1);
            }
        }

        double loss() {
            double s = 0;
            for (int o = 0; o < size; o++) {
                s += data.weight[o] * dn[o];
            }
            return s;
        }

        /**
         * Eager swap passes over {@code candidates} (all objects in order if null) until a full
         * round without a swap or {@code maxPasses}; returns the number of swaps.
         */
        long run(int[] candidates, int maxPasses) {
            return run(candidates, maxPasses, false);
        }

        /**
         * With {@code cache} (only for all candidates in object order) every distance row is kept after
         * its first computation, and row c copies d(o, c) for o below c's tile from the rows of
         * earlier candidates: the kernel's sums are symmetric bit for bit, so results are unchanged.
         */
        long run(int[] candidates, int maxPasses, boolean cache) {
            double[][] kept = cache && candidates == null ? new double[size][] : null;
            int m = candidates == null ? size : candidates.length;
            int[] cand = candidates;
            if (cand == null) {
                cand = new int[size];
                Arrays.setAll(cand, i -> i);
            }
            // larger blocks when caching: fewer passes over the earlier rows when copying by symmetry
            final int bs = kept != null ? CACHED_BLOCK : BLOCK;
            double[][] rows = new double[bs][size];
            double[][] deltas = new double[bs][k + 1];
            double[] changes = new double[bs];
            int[] slots = new int[bs];
            int[] block = new int[bs];
            int last = -1;
            long before = swaps;
            for (int pass = 0; pass < maxPasses; pass++) {
                passes++;
                for (int start = 0; start < m; start += bs) {
                    int count = Math.min(m, start + bs) - start;
                    System.arraycopy(cand, start, block, 0, count);
                    if (kept != null && kept[block[0]] != null) {
                        for (int b = 0; b < count; b++) {
                            rows[b] = kept[block[b]];
                        }
                    } else if (kept != null) {
                        int firstTile = block[0] / DistanceKernel.TILE;
                        int below = firstTile * DistanceKernel.TILE;
                        for (int b = 0; b < count; b++) {
                            rows[b] = new double[size];
                        }
                        kernel.distancesOfObjects(block, 0, count, rows, firstTile);
                        // copy by rows of the earlier candidates (the block's entries of one kept row share cache
                        // lines), in parallel chunks of objects
                        final double[][] r = rows;
                        final int cnt = count;
                        kernel.forEach(0, (below + COPY_CHUNK - 1) / COPY_CHUNK, chunk -> {
                            int hi = Math.min(below, (chunk + 1) * COPY_CHUNK);
                            for (int o = chunk * COPY_CHUNK; o < hi; o++) {
                                double[] ko = kept[o];
                                for (int b = 0; b < cnt; b++) {
                                    r[b][o] = ko[block[b]];
                                }
                            }
                        });
                        for (int b = 0; b < count; b++) {
                            kept[block[b]] = rows[b];
                        }
                    } else {
                        kernel.distancesOfObjects(block, 0, count, rows);
                    }
                    // the block's candidates are evaluated in parallel against the current state, then taken in
                    // order; after a swap the rest of the block is evaluated again: the same swaps as one by one
                    int b = 0;
                    while (b < count) {
                        final int from = b;
                        final double[][] r = rows;
                        kernel.forEach(from, count, j -> {
                            int c = block[j];
                            if (isMedoid[c]) {
                                changes[j] = 0;
                            } else {
                                slots[j] = evaluate(r[j], deltas[j]);
                                changes[j] = deltas[j][slots[j]] + deltas[j][k];
                            }
                        });
                        boolean swapped = false;
                        for (; b < count && !swapped; b++) {
                            int idx = start + b;
                            if (idx == last) {
                                return swaps - before; // every candidate tried since the last swap: converged
                            }
                            int c = block[b];
                            if (!isMedoid[c] && changes[b] < -1e-12) {
                                swap(slots[b], c, rows[b]);
                                last = idx;
                                swapped = true;
                            }
                        }
                    }
                }
                if (last < 0) {
                    return swaps - before; // a full pass without any swap
                }
            }
            return swaps - before;
        }

        /**
         * FastPAM1 evaluation of the candidate with distance row dc against every medoid, without changing
         * the state: {@code delta[j]} (j < k) the loss change of removing medoid j, {@code delta[k]} that of
         * the objects moving to the candidate; returns the best slot. The swap's change is
         * {@code delta[slot] + delta[k]}.
         */
        int evaluate(double[] dc, double[] delta) {
            System.arraycopy(removal, 0, delta, 0, k);
            double acc = 0;
            final double[] w = data.weight;
            final double[] dn = this.dn;
            final double[] ds = this.ds;
            final int[] nearest = this.nearest;
            for (int o = 0; o < size; o++) {
                double d = dc[o];
                double d1 = dn[o];
                if (d < d1) {
                    acc += w[o] * (d - d1);
                    delta[nearest[o]] += w[o] * (d1 - ds[o]);
                } else if (d < ds[o]) {
                    delta[nearest[o]] += w[o] * (d - ds[o]);
                }
            }
            delta[k] = acc;
            int best = 0;
            for (int i = 1; i < k; i++) {
                if (delta[i] < delta[best]) {
                    best = i;
                }
            }
            return best;
        }

        void swap(int slot, int c, double[] dc) {
            isMedoid[medoids[slot]] = false;
            medoids[slot] = c;
            isMedoid[c] = true;
            System.arraycopy(dc, 0, dmed[slot], 0, size);
            swaps++;
            assign();
        }

        /** Replaces the medoids; only the distance rows of changed slots are recomputed. */
        void setMedoids(int[] newMedoids) {
            int[] changed = new int[k];
            double[][] rows = new double[k][];
            int count = 0;
            for (int c = 0; c < k; c++) {
                if (medoids[c] != newMedoids[c]) {
                    changed[count] = newMedoids[c];
                    rows[count++] = dmed[c];
                }
            }
            for (int m : medoids) {
                isMedoid[m] = false;
            }
            System.arraycopy(newMedoids, 0, medoids, 0, k);
            for (int m : medoids) {
                isMedoid[m] = true;
            }
            if (count > 0) {
                kernel.distancesOfObjects(changed, 0, count, rows);
            }
            assign();
        }

        KMedoidsResult result(int iterations) {
            return KMedoidsResult.of(data, medoids, nearest, loss(), iterations, swaps);
        }
    }
}

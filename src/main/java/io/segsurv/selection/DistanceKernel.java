/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cache-blocked, multi-threaded products of a few vectors with all unit vectors: {@code out[b][o] =
 * v_b . u_o} (or {@code 1 - v_b . u_o}). Objects are split into tiles of {@link #TILE}; one task
 * computes every output of a tile in a fixed order, so results are bitwise identical for any
 * thread count. The N x N distance matrix is never formed.
 */
final class DistanceKernel implements AutoCloseable {

    /** Objects per tile: a tile of an 80-patient matrix (80 x 512 doubles) stays in L2. */
    static final int TILE = 512;

    private final PreparedFeatures data;
    private final int threads;
    private final ExecutorService pool;

    private final boolean ownsPool;

    DistanceKernel(PreparedFeatures data, int threads) {
        this.data = data;
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kmedoids-kernel");
            t.setDaemon(true);
            return t;
        }) : null;
        this.ownsPool = true;
    }

    /** A kernel on other data sharing the threads of {@code shared} (closing it leaves them running). */
    DistanceKernel(PreparedFeatures data, DistanceKernel shared) {
        this.data = data;
        this.threads = shared.threads;
        this.pool = shared.pool;
        this.ownsPool = false;
    }

    PreparedFeatures data() {
        return data;
    }

    /** {@code out[b][o] = 1 - u_{objects[b]} . u_o} for b < count. */
    void distancesOfObjects(int[] objects, int from, int count, double[][] out) {
        distancesOfObjects(objects, from, count, out, 0);
    }

    /** Distances for the objects of tiles {@code firstTile} and later only. */
    void distancesOfObjects(int[] objects, int from, int count, double[][] out, int firstTile) {
        double[][] v = new double[count][data.patients];
        for (int b = 0; b < count; b++) {
            data.vector(objects[from + b], v[b]);
        }
        products(v, count, out, true, firstTile);
    }

    /** {@code out[b][o] = v_b . u_o} (distance: {@code 1 - v_b . u_o}) for b < count. */
    void products(double[][] v, int count, double[][] out, boolean distance) {
        products(v, count, out, distance, 0);
    }

    /** As {@link #products(double[][], int, double[][], boolean)} for the tiles from {@code firstTile} on only. */
    void products(double[][] v, int count, double[][] out, boolean distance, int firstTile) {
        int tiles = (data.objects + TILE - 1) / TILE;
        if (pool == null || tiles - firstTile <= 1) {
            for (int t = firstTile; t < tiles; t++) {
                tile(v, count, out, distance, t, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger(firstTile);
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            futures.add(pool.submit(() -> {
                for (int t; (t = next.getAndIncrement()) < tiles; ) {
                    tile(v, count, out, distance, t, 0);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Runs {@code task} for every index in [from, to), spread over the threads (the caller takes part);
     * the tasks must be independent. Returns when all have run.
     */
    void forEach(int from, int to, java.util.function.IntConsumer task) {
        if (pool == null || to - from <= 1) {
            for (int i = from; i < to; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger(from);
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < to; ) {
                task.accept(i);
            }
        };
        List<Future<?>> futures = new ArrayList<>(threads - 1);
        for (int w = 1; w < threads; w++) {
            futures.add(pool.submit(worker));
        }
        worker.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * For every object the index of the centre with the largest dot product ({@code nearest[o]}) and
     * that product ({@code best[o]}); ties go to the lower index. The centres need not be objects or
     * unit vectors. Fused per tile: no count x N matrix is formed. Deterministic for any thread count.
     */
    void nearestCentres(double[][] centres, int count, int[] nearest, double[] best) {
        int tiles = (data.objects + TILE - 1) / TILE;
        forEach(0, tiles, t -> {
            int lo = t * TILE;
            int hi = Math.min(data.objects, lo + TILE);
            double[][] buf = new double[4][TILE];
            java.util.Arrays.fill(best, lo, hi, Double.NEGATIVE_INFINITY);
            for (int b = 0; b < count; b += 4) {
                int m = Math.min(4, count - b);
                double[][] v = new double[4][];
                for (int j = 0; j < 4; j++) {
                    v[j] = centres[b + Math.min(j, m - 1)];
                }
                tile(v, 4, buf, false, t, lo);
                for (int j = 0; j < m; j++) {
                    double[] d = buf[j];
                    for (int o = lo; o < hi; o++) {
                        if (d[o - lo] > best[o]) {
                            best[o] = d[o - lo];
                            nearest[o] = b + j;
                        }
                    }
                }
            }
        });
    }

    /** Products for the objects of tile t into {@code out[b][o - base]}. */
    private void tile(double[][] v, int count, double[][] out, boolean distance, int t, int base) {
        final int n = data.patients;
        final int size = data.objects;
        final double[] u = data.unit;
        final int lo = t * TILE;
        final int hi = Math.min(size, lo + TILE);
        int b = 0;
        // register-blocked: 4 vectors x 4 patients per sweep over the tile (each u element loaded once for 4 outputs);
        // every output keeps the summation order of the single-vector loop, so results are bitwise unchanged
        for (; b + 3 < count; b += 4) {
            final double[] a0 = out[b], a1 = out[b + 1], a2 = out[b + 2], a3 = out[b + 3];
            final double[] x0 = v[b], x1 = v[b + 1], x2 = v[b + 2], x3 = v[b + 3];
            java.util.Arrays.fill(a0, lo - base, hi - base, 0.0);
            java.util.Arrays.fill(a1, lo - base, hi - base, 0.0);
            java.util.Arrays.fill(a2, lo - base, hi - base, 0.0);
            java.util.Arrays.fill(a3, lo - base, hi - base, 0.0);
            int i = 0;
            for (; i + 3 < n; i += 4) {
                final double p0 = x0[i], p1 = x0[i + 1], p2 = x0[i + 2], p3 = x0[i + 3];
                final double q0 = x1[i], q1 = x1[i + 1], q2 = x1[i + 2], q3 = x1[i + 3];
                final double r0 = x2[i], r1 = x2[i + 1], r2 = x2[i + 2], r3 = x2[i + 3];
                final double s0 = x3[i], s1 = x3[i + 1], s2 = x3[i + 2], s3 = x3[i + 3];
                final int o0 = i * size, o1 = o0 + size, o2 = o1 + size, o3 = o2 + size;
                for (int o = lo; o < hi; o++) {
                    final double u0 = u[o0 + o], u1 = u[o1 + o], u2 = u[o2 + o], u3 = u[o3 + o];
                    a0[o - base] += p0 * u0 + p1 * u1 + p2 * u2 + p3 * u3;
                    a1[o - base] += q0 * u0 + q1 * u1 + q2 * u2 + q3 * u3;
                    a2[o - base] += r0 * u0 + r1 * u1 + r2 * u2 + r3 * u3;
                    a3[o - base] += s0 * u0 + s1 * u1 + s2 * u2 + s3 * u3;
                }
            }
            for (; i < n; i++) {
                final double p0 = x0[i], q0 = x1[i], r0 = x2[i], s0 = x3[i];
                final int o0 = i * size;
                for (int o = lo; o < hi; o++) {
                    final double u0 = u[o0 + o];
                    a0[o - base] += p0 * u0;
                    a1[o - base] += q0 * u0;
                    a2[o - base] += r0 * u0;
                    a3[o - base] += s0 * u0;
                }
            }
            if (distance) {
                for (int o = lo; o < hi; o++) {
                    a0[o - base] = 1 - a0[o - base];
                    a1[o - base] = 1 - a1[o - base];
                    a2[o - base] = 1 - a2[o - base];
                    a3[o - base] = 1 - a3[o - base];
                }
            }
        }
        for (; b < count; b++) {
            final double[] acc = out[b];
            final double[] x = v[b];
            java.util.Arrays.fill(acc, lo - base, hi - base, 0.0);
            int i = 0;
            for (; i + 3 < n; i += 4) {
                final double s0 = x[i], s1 = x[i + 1], s2 = x[i + 2], s3 = x[i + 3];
                final int r0 = i * size, r1 = r0 + size, r2 = r1 + size, r3 = r2 + size;
                for (int o = lo; o < hi; o++) {
                    acc[o - base] += s0 * u[r0 + o] + s1 * u[r1 + o] + s2 * u[r2 + o] + s3 * u[r3 + o];
                }
            }
            for (; i < n; i++) {
                final double s0 = x[i];
                final int r0 = i * size;
                for (int o = lo; o < hi; o++) {
                    acc[o - base] += s0 * u[r0 + o];
                }
            }
            if (distance) {
                for (int o = lo; o < hi; o++) {
                    acc[o - base] = 1 - acc[o - base];
                }
            }
        }
    }

    @Override
    public void close() {
        if (pool != null && ownsPool) {
            pool.shutdownNow();
        }
    }
}

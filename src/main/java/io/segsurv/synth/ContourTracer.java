/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Boundary polygons of a binary mask by marching squares. Vertices lie on the midpoints between
 * pixel centres, so every polygon separates the inside pixel centres from the outside ones; the
 * inside is 4-connected (diagonal neighbours are separate regions). Outer boundaries and holes come
 * out as separate closed loops of opposite orientation; collinear vertices are dropped.
 */
final class ContourTracer {

    private ContourTracer() {
    }

    /**
     * @param mask row-major, {@code mask[j * width + i]}
     * @return closed loops as {x0, y0, x1, y1, ...} in pixel coordinates (column, row)
     */
    static List<double[]> trace(boolean[] mask, int width, int height) {
        int hCount = (width + 1) * (height + 2);
        int vCount = (width + 2) * (height + 1);
        int[] next = new int[hCount + vCount];
        java.util.Arrays.fill(next, -1);
        int[] edge = new int[4];
        boolean[] corner = new boolean[4];
        for (int j = -1; j < height; j++) {
            for (int i = -1; i < width; i++) {
                corner[0] = inside(mask, width, height, i, j);
                corner[1] = inside(mask, width, height, i + 1, j);
                corner[2] = inside(mask, width, height, i + 1, j + 1);
                corner[3] = inside(mask, width, height, i, j + 1);
                if (corner[0] == corner[1] && corner[1] == corner[2] && corner[2] == corner[3]) {
                    continue;
                }
                edge[0] = hId(width, i, j);
                edge[1] = hCount + vId(width, i + 1, j);
                edge[2] = hId(width, i, j + 1);
                edge[3] = hCount + vId(width, i, j);
                for (int e = 0; e < 4; e++) {
                    boolean from = corner[e];
                    boolean to = corner[(e + 1) % 4];
                    if (!from && to) { // entering the inside along the perimeter
                        for (int s = 1; s < 4; s++) {
                            int f = (e + s) % 4;
                            if (corner[f] != corner[(f + 1) % 4]) {
                                next[edge[e]] = edge[f];
                                break;
                            }
                        }
                    }
                }
            }
        }
        List<double[]> loops = new ArrayList<>();
        boolean[] seen = new boolean[next.length];
        double[] buffer = new double[64];
        for (int start = 0; start < next.length; start++) {
            if (next[start] < 0 || seen[start]) {
                continue;
            }
            int n = 0;
            int id = start;
            do {
                seen[id] = true;
                if (n + 2 > buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                }
                point(width, hCount, id, buffer, n);
                n += 2;
                id = next[id];
            } while (id != start && id >= 0);
            loops.add(simplify(buffer, n));
        }
        return loops;
    }

    private static boolean inside(boolean[] mask, int width, int height, int i, int j) {
        return i >= 0 && j >= 0 && i < width && j < height && mask[j * width + i];
    }

    /** Horizontal edge between pixel centres (i, j) and (i + 1, j), i in [-1, width - 1], j in [-1, height]. */
    private static int hId(int width, int i, int j) {
        return (j + 1) * (width + 1) + (i + 1);
    }

    /** Vertical edge between pixel centres (i, j) and (i, j + 1), i in [-1, width], j in [-1, height - 1]. */
    private static int vId(int width, int i, int j) {
        return (j + 1) * (width + 2) + (i + 1);
    }

    private static void point(int width, int hCount, int id, double[] out, int at) {
        if (id < hCount) {
            int j = id / (width + 1) - 1;
            int i = id % (width + 1) - 1;
            out[at] = i + 0.5;
            out[at + 1] = j;
        } else {
            int v = id - hCount;
            int j = v / (width + 2) - 1;
            int i = v % (width + 2) - 1;
            out[at] = i;
            out[at + 1] = j + 0.5;
        }
    }

    /** Drops vertices on a straight line between their neighbours (exact: coordinates are half-integers). */
    private static double[] simplify(double[] p, int n) {
        int count = n / 2;
        double[] out = new double[n];
        int m = 0;
        for (int k = 0; k < count; k++) {
            int prev = (k + count - 1) % count;
            int nxt = (k + 1) % count;
            double ax = p[2 * k] - p[2 * prev];
            double ay = p[2 * k + 1] - p[2 * prev + 1];
            double bx = p[2 * nxt] - p[2 * k];
            double by = p[2 * nxt + 1] - p[2 * k + 1];
            if (ax * by - ay * bx != 0 || count <= 3) {
                out[m++] = p[2 * k];
                out[m++] = p[2 * k + 1];
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }

    /** Even-odd point-in-polygon test over a set of loops (holes count as outside). */
    static boolean contains(List<double[]> loops, double x, double y) {
        boolean in = false;
        for (double[] p : loops) {
            int n = p.length / 2;
            for (int a = 0, b = n - 1; a < n; b = a++) {
                double ya = p[2 * a + 1];
                double yb = p[2 * b + 1];
                if ((ya > y) != (yb > y)) {
                    double xa = p[2 * a];
                    double xb = p[2 * b];
                    double xi = xa + (y - ya) * (xb - xa) / (yb - ya);
                    if (x < xi) {
                        in = !in;
                    }
                }
            }
        }
        return in;
    }
}

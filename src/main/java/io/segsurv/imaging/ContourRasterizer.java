/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the planar contours of a {@link Roi} into a {@link Mask} on a {@link Grid}.
 *
 * <p>Each contour is matched to the slice whose plane it lies in: every point's distance from
 * slice {@code k}'s plane, measured along {@code sliceDir}, must be at most
 * {@code planeTolerance * sz} (default half the slice spacing). Its points are then mapped to
 * continuous in-plane indices (i, j). A voxel is inside when its centre is inside by the
 * <em>even-odd rule</em> applied to all contours matched to that slice together (a ray from the
 * point crosses the boundary an odd number of times; Foley, van Dam et al., "Computer Graphics:
 * Principles and Practice", 2nd ed., section 3.6 on polygon scan conversion), so inner contours
 * cut holes and overlapping pieces cancel (XOR), as RTSTRUCT contours are meant to be read
 * (PS3.3 C.8.8.6.3).
 *
 * <p>The fill is a scanline fill per slice: for each row {@code j}, the crossings of the line
 * through the row's voxel centres with the polygon edges are computed and sorted, and the voxels
 * between the 1st and 2nd, 3rd and 4th, ... crossing are set. Edges are half-open in j (an edge
 * from {@code j0} to {@code j1} counts for {@code min <= j < max}) and spans half-open in i
 * ({@code x0 <= i < x1}), so a centre exactly on the boundary is inside on the low side and
 * outside on the high side, and vertices are never counted twice.
 *
 * <p>Problems do not disappear silently: contours with fewer than 3 points, not in a slice plane,
 * between planes, outside the image, clipped by the image edge, enclosing no voxel centre, or
 * sharing a slice with a contour from another plane are listed in
 * {@link Rasterization#warnings()}. An ROI without contours, or one that covers no voxel of the
 * image, is an {@link ImagingException}.
 */
public final class ContourRasterizer {

    /** Default plane tolerance, as a fraction of the slice spacing. */
    public static final double DEFAULT_PLANE_TOLERANCE = 0.5;

    private final double planeTolerance;

    /** A rasteriser with the default plane tolerance (half the slice spacing). */
    public ContourRasterizer() {
        this(DEFAULT_PLANE_TOLERANCE);
    }

    /**
     * @param planeTolerance largest distance of a contour point from its slice plane, as a fraction
     *     of the slice spacing, in (0, 0.5]
     */
    public ContourRasterizer(double planeTolerance) {
        if (!(planeTolerance > 0 && planeTolerance <= 0.5)) {
            throw new IllegalArgumentException("planeTolerance must be in (0, 0.5] slice spacings, got " + planeTolerance);
        }
        this.planeTolerance = planeTolerance;
    }

    public double planeTolerance() {
        return planeTolerance;
    }

    /** A contour mapped to continuous grid indices. */
    private record Polygon(int number, double[] xs, double[] ys, double k) {
    }

    /**
     * Rasterises {@code roi} onto {@code grid}.
     *
     * @throws ImagingException if the ROI has no contours or none of them covers a voxel of the grid
     */
    public Rasterization rasterize(Roi roi, Grid grid) {
        String name = roi.name();
        if (roi.contours().isEmpty()) {
            throw new ImagingException("ROI '" + name + "' has no contours");
        }
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        double tolMm = planeTolerance * grid.sz();
        int total = roi.contours().size();
        List<String> warnings = new ArrayList<>();
        Map<Integer, List<Polygon>> bySlice = new TreeMap<>();

        for (int c = 0; c < total; c++) {
            Contour contour = roi.contours().get(c);
            String what = "ROI '" + name + "' contour " + (c + 1) + " of " + total;
            int n = contour.size();
            if (n < 3) {
                warnings.add(what + " has only " + n + " point" + (n == 1 ? "" : "s") + "; skipped");
                continue;
            }
            double[] xs = new double[n];
            double[] ys = new double[n];
            double kMin = Double.POSITIVE_INFINITY;
            double kMax = Double.NEGATIVE_INFINITY;
            double iMin = Double.POSITIVE_INFINITY;
            double iMax = Double.NEGATIVE_INFINITY;
            double jMin = Double.POSITIVE_INFINITY;
            double jMax = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < n; p++) {
                Vec3 idx = grid.toIndex(contour.points().get(p));
                xs[p] = idx.x();
                ys[p] = idx.y();
                kMin = Math.min(kMin, idx.z());
                kMax = Math.max(kMax, idx.z());
                iMin = Math.min(iMin, idx.x());
                iMax = Math.max(iMax, idx.x());
                jMin = Math.min(jMin, idx.y());
                jMax = Math.max(jMax, idx.y());
            }
            double kMid = (kMin + kMax) / 2;
            long k = Math.round(kMid);
            double worstMm = Math.max(Math.abs(kMax - k), Math.abs(kMin - k)) * grid.sz();
            if (k < 0 || k >= nz) {
                warnings.add(what + " lies at slice position " + fmt(kMid) + ", outside the image's slices 0.."
                        + (nz - 1) + "; skipped");
                continue;
            }
            if (worstMm > tolMm) {
                double spreadMm = (kMax - kMin) * grid.sz();
                if (spreadMm > tolMm) {
                    warnings.add(what + " is not in a slice plane of the image: its points span " + fmt(spreadMm)
                            + " mm along the slice normal (tolerance " + fmt(tolMm) + " mm); skipped");
                } else {
                    warnings.add(what + " lies between slices (" + fmt(worstMm) + " mm from slice " + k
                            + ", tolerance " + fmt(tolMm) + " mm); skipped");
                }
                continue;
            }
            if (iMax < 0 || iMin > nx - 1 || jMax < 0 || jMin > ny - 1) {
                warnings.add(what + " on slice " + k + " lies outside the image in-plane (columns " + fmt(iMin) + ".."
                        + fmt(iMax) + ", rows " + fmt(jMin) + ".." + fmt(jMax) + "; the image has 0.." + (nx - 1)
                        + ", 0.." + (ny - 1) + "); skipped");
                continue;
            }
            if (iMin < -0.5 || iMax > nx - 0.5 || jMin < -0.5 || jMax > ny - 0.5) {
                warnings.add(what + " on slice " + k + " extends beyond the image edge; the part outside is dropped");
            }
            bySlice.computeIfAbsent((int) k, key -> new ArrayList<>()).add(new Polygon(c + 1, xs, ys, kMid));
        }

        byte[] data = new byte[grid.size()];
        int used = 0;
        for (Map.Entry<Integer, List<Polygon>> e : bySlice.entrySet()) {
            int k = e.getKey();
            List<Polygon> polys = e.getValue();
            Polygon first = polys.getFirst();
            for (Polygon p : polys) {
                double apartMm = Math.abs(p.k() - first.k()) * grid.sz();
                if (apartMm > 0.1 * grid.sz()) {
                    warnings.add("ROI '" + name + "' contours " + first.number() + " and " + p.number() + " both match slice "
                            + k + " but lie " + fmt(apartMm) + " mm apart; they are combined by the even-odd rule"
                            + " (was the ROI drawn on another grid?)");
                }
                if (fill(List.of(p), grid, k, null) == 0) {
                    warnings.add("ROI '" + name + "' contour " + p.number() + " of " + total + " on slice " + k
                            + " encloses no voxel centre of the image");
                } else {
                    used++;
                }
            }
            fill(polys, grid, k, data);
        }
        Mask mask = new Mask(grid, data);
        if (used == 0 || Bytes.countOnes(data) == 0) {
            throw new ImagingException("ROI '" + name + "' covers no voxel of the image"
                    + (warnings.isEmpty() ? "" : ": " + String.join("; ", warnings)));
        }
        return new Rasterization(mask, used, warnings);
    }

    /**
     * Scanline fill of slice {@code k} by the even-odd rule over all {@code polys}; sets voxels in
     * {@code out} if it is not null. Returns the number of voxel centres inside.
     */
    private static int fill(List<Polygon> polys, Grid grid, int k, byte[] out) {
        int nx = grid.nx();
        int ny = grid.ny();
        int edges = 0;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Polygon p : polys) {
            edges += p.xs().length;
            for (double y : p.ys()) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        int j0 = (int) Math.max(0, Math.ceil(yMin));
        int j1 = (int) Math.min(ny - 1, Math.floor(yMax));
        double[] crossings = new double[edges];
        int count = 0;
        for (int j = j0; j <= j1; j++) {
            int m = 0;
            for (Polygon p : polys) {
                double[] xs = p.xs();
                double[] ys = p.ys();
                int n = xs.length;
                for (int a = 0, b = n - 1; a < n; b = a++) {
                    double ya = ys[a];
                    double yb = ys[b];
                    if ((ya <= j && j < yb) || (yb <= j && j < ya)) {
                        crossings[m++] = xs[a] + (j - ya) * (xs[b] - xs[a]) / (yb - ya);
                    }
                }
            }
            Arrays.sort(crossings, 0, m);
            int base = nx * (j + ny * k);
            for (int q = 0; q + 1 < m; q += 2) {
                int from = (int) Math.max(0, Math.ceil(crossings[q]));
                int to = (int) Math.min(nx, Math.ceil(crossings[q + 1])); // exclusive
                if (to > from) {
                    count += to - from;
                    if (out != null) {
                        Arrays.fill(out, base + from, base + to, (byte) 1);
                    }
                }
            }
        }
        return count;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

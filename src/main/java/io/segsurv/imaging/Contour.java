/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One closed planar polygon in patient coordinates (mm), as in an RTSTRUCT ContourData
 * (3006,0050) of geometric type CLOSED_PLANAR: the last point connects back to the first.
 *
 * <p>Any number of points is accepted here, so that {@link ContourRasterizer} can report a
 * degenerate contour (fewer than 3 points) rather than fail on construction.
 */
public record Contour(List<Vec3> points) {

    public Contour {
        Objects.requireNonNull(points, "Contour points");
        points = List.copyOf(points);
    }

    /** A contour from DICOM ContourData: x1, y1, z1, x2, y2, z2, ... in mm. */
    public static Contour ofDicom(double... contourData) {
        if (contourData.length % 3 != 0) {
            throw new IllegalArgumentException("ContourData must hold x, y, z triplets, got " + contourData.length + " numbers");
        }
        List<Vec3> pts = new ArrayList<>(contourData.length / 3);
        for (int n = 0; n < contourData.length; n += 3) {
            pts.add(new Vec3(contourData[n], contourData[n + 1], contourData[n + 2]));
        }
        return new Contour(pts);
    }

    public int size() {
        return points.size();
    }
}

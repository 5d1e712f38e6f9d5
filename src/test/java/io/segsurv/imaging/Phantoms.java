/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.ArrayList;
import java.util.List;

/** Synthetic images and contours for the tests and the benchmark. */
public final class Phantoms {

    private Phantoms() {
    }

    /** A volume with {@code inside} where the voxel centre is within {@code r} mm of {@code c}, else {@code outside}. */
    public static Volume sphere(Grid g, Vec3 c, double r, float inside, float outside) {
        float[] d = new float[g.size()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    d[g.index(i, j, k)] = g.world(i, j, k).distance(c) <= r ? inside : outside;
                }
            }
        }
        return new Volume(g, d);
    }

    /**
     * A sphere of radius {@code r} around {@code c} drawn as one circle (a polygon of {@code points}
     * vertices) on every slice plane of {@code g} that cuts it, as a physician's contours would be.
     */
    public static Roi sphereContours(String name, Grid g, Vec3 c, double r, int points) {
        List<Contour> contours = new ArrayList<>();
        Vec3 ck = g.toIndex(c);
        for (int k = 0; k < g.nz(); k++) {
            double dz = (k - ck.z()) * g.sz();
            if (Math.abs(dz) >= r) {
                continue;
            }
            double rr = Math.sqrt(r * r - dz * dz);
            // centre of the circle: the point of the slice plane nearest to c
            Vec3 centre = c.plus(g.sliceDir().times(dz));
            List<Vec3> pts = new ArrayList<>(points);
            for (int p = 0; p < points; p++) {
                double a = 2 * Math.PI * p / points;
                pts.add(centre.plus(g.rowDir().times(rr * Math.cos(a))).plus(g.colDir().times(rr * Math.sin(a))));
            }
            contours.add(new Contour(pts));
        }
        return new Roi(name, contours);
    }

    /** An axis-parallel rectangle in the plane z = {@code z} (axial), corners in mm. */
    public static Contour rectangle(double x0, double y0, double x1, double y1, double z) {
        return Contour.ofDicom(x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z);
    }
}

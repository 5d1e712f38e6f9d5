/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging.bench;

import io.segsurv.imaging.Grid;
import io.segsurv.imaging.Phantoms;
import io.segsurv.imaging.PreprocessedCase;
import io.segsurv.imaging.Preprocessor;
import io.segsurv.imaging.Roi;
import io.segsurv.imaging.Vec3;
import io.segsurv.imaging.Volume;
import java.util.Arrays;

/**
 * Times {@link Preprocessor#run} on a clinical-size case: a 512 x 512 x 150 CT (0.9 x 0.9 x 2.5 mm), a
 * 168 x 168 x 80 PET (4 mm) and a 30 cm^3 spherical tumour contoured on both. Not a test; run with
 * {@code java -cp target/classes:target/test-classes io.segsurv.imaging.bench.PreprocessBench [runs]}.
 */
public final class PreprocessBench {

    private PreprocessBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double r = Math.cbrt(3 * 30_000 / (4 * Math.PI)); // 30 cm^3: r = 19.3 mm
        Vec3 centre = new Vec3(-61.3, 23.7, -12.9);
        Grid ct = new Grid(512, 512, 150, new Vec3(-230, -230, -186), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1),
                0.9, 0.9, 2.5);
        Grid pet = new Grid(168, 168, 80, new Vec3(-334, -334, -158), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1),
                4, 4, 4);
        long t0 = System.nanoTime();
        Volume ctHu = sphere(ct, centre, r, 40f, -800f);
        Volume petSuv = sphere(pet, centre, r, 9.5f, 0.8f);
        Roi ctRoi = Phantoms.sphereContours("GTV", ct, centre, r, 180);
        Roi petRoi = Phantoms.sphereContours("GTV-PET", pet, centre, r, 90);
        System.out.printf("setup: %.0f ms (CT %d voxels, PET %d voxels, %d + %d contours)%n", (System.nanoTime() - t0) / 1e6,
                ct.size(), pet.size(), ctRoi.contours().size(), petRoi.contours().size());

        Preprocessor engine = new Preprocessor(Preprocessor.Options.defaults());
        PreprocessedCase last = null;
        for (int w = 0; w < 5; w++) {
            last = engine.run(ctHu, petSuv, ctRoi, petRoi);
        }
        System.out.printf("tumour %.2f cm3, SUVmax %.1f, centre error %.2f mm, %d warnings%n", last.tumourVolumeCm3(),
                last.suvMax(), last.gtvCentre().distance(centre), last.warnings().size());
        double[] ms = new double[runs];
        for (int n = 0; n < runs; n++) {
            long s = System.nanoTime();
            engine.run(ctHu, petSuv, ctRoi, petRoi);
            ms[n] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("Preprocessor.run: median %.1f ms per case, min %.1f, max %.1f (%d runs after 5 warm-up, %d cores)%n",
                ms[runs / 2], ms[0], ms[runs - 1], runs, Runtime.getRuntime().availableProcessors());
    }

    /** Like {@link Phantoms#sphere} but only visits the sphere's bounding box (the CT has 39 million voxels). */
    private static Volume sphere(Grid g, Vec3 c, double r, float inside, float outside) {
        float[] d = new float[g.size()];
        Arrays.fill(d, outside);
        Vec3 ci = g.toIndex(c);
        int[] lo = {(int) Math.floor(ci.x() - r / g.sx()) - 1, (int) Math.floor(ci.y() - r / g.sy()) - 1,
            (int) Math.floor(ci.z() - r / g.sz()) - 1};
        int[] hi = {(int) Math.ceil(ci.x() + r / g.sx()) + 1, (int) Math.ceil(ci.y() + r / g.sy()) + 1,
            (int) Math.ceil(ci.z() + r / g.sz()) + 1};
        for (int k = Math.max(0, lo[2]); k <= Math.min(g.nz() - 1, hi[2]); k++) {
            for (int j = Math.max(0, lo[1]); j <= Math.min(g.ny() - 1, hi[1]); j++) {
                for (int i = Math.max(0, lo[0]); i <= Math.min(g.nx() - 1, hi[0]); i++) {
                    if (g.world(i, j, k).distance(c) <= r) {
                        d[g.index(i, j, k)] = inside;
                    }
                }
            }
        }
        return new Volume(g, d);
    }
}

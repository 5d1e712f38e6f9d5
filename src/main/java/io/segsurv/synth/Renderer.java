/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Renders one patient onto its CT and PET grids: tissue classification, vessels, tumour and
 * satellite, partial-volume blur, noise, and the structure contours. All per-slice work runs in
 * parallel with per-slice random streams, so the result does not depend on the thread count.
 */
final class Renderer {

    static final double NECROSIS_SUV = 0.7;
    static final double PSF_FWHM_MM = 6.5;
    static final double CT_BLUR_SIGMA_MM = 0.6;

    /** ROIs of the CT structure set, in ROI-number order. */
    static final String[] CT_ROIS = {"GTV-1", "Lung-Left", "Lung-Right", "Heart", "Esophagus", "Spinal-Cord"};
    static final String PET_ROI = "GTV_PET";

    private static final float[] CT_HU = new float[Anatomy.LABELS];
    private static final float[] PET_SUV = new float[Anatomy.LABELS];

    static {
        set(Anatomy.AIR, -1000, 0);
        set(Anatomy.SKIN, 30, 0.6);
        set(Anatomy.FAT, -100, 0.35);
        set(Anatomy.MUSCLE, 45, 0.8);
        set(Anatomy.BONE, 700, 0.6);
        set(Anatomy.MARROW, 250, 1.7);
        set(Anatomy.DISC, 80, 0.8);
        set(Anatomy.CORD, 30, 1.1);
        set(Anatomy.CSF, 10, 0.7);
        set(Anatomy.LUNG_RIGHT, -860, 0.5);
        set(Anatomy.LUNG_LEFT, -860, 0.5);
        set(Anatomy.MEDIASTINUM, -60, 1.5);
        set(Anatomy.HEART, 40, 3);
        set(Anatomy.AORTA, 42, 1.8);
        set(Anatomy.AIRWAY, -990, 0.05);
        set(Anatomy.AIRWAY_WALL, 30, 1.2);
        set(Anatomy.ESOPHAGUS, 35, 1.9);
        set(Anatomy.ABDOMEN, 40, 1.6);
        set(Anatomy.LIVER, 58, 2.3);
        set(Anatomy.VESSEL, 40, 1.7);
        set(Anatomy.TUMOUR, 30, 5);
        set(Anatomy.NECROSIS, 12, NECROSIS_SUV);
        set(Anatomy.SATELLITE, 25, 2);
    }

    private static void set(byte label, double hu, double suv) {
        CT_HU[label] = (float) hu;
        PET_SUV[label] = (float) suv;
    }

    /** The rendered CT: stored pixel values (HU + 1024) and contours per ROI and slice (patient x, y pairs). */
    record Ct(short[][] pixels, List<double[]>[][] contours, int tumourVoxels, double voxelVolumeMm3) {
    }

    /**
     * The rendered PET in SUV, the GTV_PET contours per slice, and measurements on the tumour mask
     * (voxel centres inside the tumour).
     */
    record Pet(float[][] suv, List<double[]>[] contours, double suvMax, double suvMean, double mtvMm3,
            int[] centreVoxel, double suvAtCentre) {
    }

    private final SyntheticPatient patient;
    private final Anatomy anatomy;
    private final TumourShape tumour;
    private final List<Capsule> vessels;
    private final Texture texture;
    private final long noiseSeed;

    Renderer(SyntheticPatient patient, long noiseSeed, Rng rng) {
        this.patient = patient;
        this.anatomy = patient.anatomy;
        this.tumour = patient.tumour;
        this.vessels = VesselTree.build(patient, rng);
        this.texture = new Texture(rng);
        this.noiseSeed = noiseSeed;
    }

    // ---------------------------------------------------------------------------------------- CT

    @SuppressWarnings("unchecked")
    Ct renderCt(Grid g, Profile profile) {
        int w = g.columns();
        int h = g.rows();
        int n = g.slices();
        float[][] volume = new float[n][];
        List<double[]>[][] contours = new List[CT_ROIS.length][n];
        int[] tumourCount = new int[n];
        float[] inPlane = Blur.kernel(CT_BLUR_SIGMA_MM / g.pixel());
        IntStream.range(0, n).parallel().forEach(k -> {
            double z = g.z()[k];
            byte[] base = new byte[w * h];
            for (int j = 0; j < h; j++) {
                double y = g.y(j);
                for (int i = 0; i < w; i++) {
                    base[j * w + i] = anatomy.label(g.x(i), y, z);
                }
            }
            byte[] tissue = base.clone();
            paintVessels(g, z, base, tissue);
            float[] f = new float[w * h];
            for (int j = 0; j < h; j++) {
                double lungShift = 45 * (g.y(j) - anatomy.oy) / anatomy.bc;
                for (int i = 0; i < w; i++) {
                    int p = j * w + i;
                    byte t = tissue[p];
                    f[p] = CT_HU[t] + (t == Anatomy.LUNG_LEFT || t == Anatomy.LUNG_RIGHT ? (float) lungShift : 0f);
                }
            }
            int[] box = tumourBox(g, z, 0);
            if (box != null) {
                boolean[] mask = new boolean[(box[1] - box[0] + 1) * (box[3] - box[2] + 1)];
                int bw = box[1] - box[0] + 1;
                int count = 0;
                for (int j = box[2]; j <= box[3]; j++) {
                    double y = g.y(j);
                    for (int i = box[0]; i <= box[1]; i++) {
                        double x = g.x(i);
                        double q = tumour.relativeRadius(x, y, z);
                        if (q < 1) {
                            int p = j * w + i;
                            boolean core = patient.necrosis && q < patient.necrosisFraction;
                            tissue[p] = core ? Anatomy.NECROSIS : Anatomy.TUMOUR;
                            double c = coreWeight(q);
                            f[p] = (float) ((1 - c) * (20 + 25 * texture.value(x, y, z)) + c * CT_HU[Anatomy.NECROSIS]);
                            mask[(j - box[2]) * bw + (i - box[0])] = true;
                            count++;
                        }
                    }
                }
                tumourCount[k] = count;
                if (count > 0) {
                    List<double[]> loops = ContourTracer.trace(mask, bw, box[3] - box[2] + 1);
                    contours[0][k] = toPatient(g, loops, box[0], box[2], 1);
                }
            }
            paintSatellite(g, z, f, tissue);
            byte[] organLabel = {Anatomy.LUNG_LEFT, Anatomy.LUNG_RIGHT, Anatomy.HEART, Anatomy.ESOPHAGUS, Anatomy.CORD};
            for (int r = 0; r < organLabel.length; r++) {
                int stride = r < 3 ? profile.organStrideLarge : profile.organStrideSmall;
                contours[r + 1][k] = organContours(g, base, organLabel[r], stride);
            }
            Blur.blur2d(f, w, h, inPlane);
            volume[k] = f;
        });
        float[] across = Blur.kernel(g.spacing() / 2.355 / g.spacing());
        short[][] pixels = new short[n][];
        IntStream.range(0, n).parallel().forEach(k -> {
            float[] f = Blur.blurZ(volume, k, across);
            Rng rng = Rng.of(noiseSeed, 1, k);
            double sd = patient.ctNoiseHu;
            short[] s = new short[f.length];
            for (int p = 0; p < f.length; p++) {
                double v = f[p] + sd * rng.fastGaussian() + 1024;
                s[p] = (short) Math.max(0, Math.min(4095, Math.round(v)));
            }
            pixels[k] = s;
        });
        int total = 0;
        for (int c : tumourCount) {
            total += c;
        }
        return new Ct(pixels, contours, total, g.pixel() * g.pixel() * g.spacing());
    }

    /** Weight of the necrotic core at relative radius q (smooth over +-0.07). */
    private double coreWeight(double q) {
        if (!patient.necrosis) {
            return 0;
        }
        double fn = patient.necrosisFraction;
        double t = (fn + 0.07 - q) / 0.14;
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }

    private void paintVessels(Grid g, double z, byte[] base, byte[] tissue) {
        int w = g.columns();
        for (Capsule c : vessels) {
            double[] b = c.sliceBounds(z);
            if (b == null) {
                continue;
            }
            int[] cols = g.columnRange(b[0], b[1]);
            int[] rows = g.rowRange(b[2], b[3]);
            double r2 = c.radius * c.radius;
            for (int j = rows[0]; j <= rows[1]; j++) {
                double y = g.y(j);
                for (int i = cols[0]; i <= cols[1]; i++) {
                    int p = j * w + i;
                    byte l = base[p];
                    if ((l == Anatomy.LUNG_LEFT || l == Anatomy.LUNG_RIGHT) && c.distanceSquared(g.x(i), y, z) <= r2) {
                        tissue[p] = Anatomy.VESSEL;
                    }
                }
            }
        }
    }

    /** {colLo, colHi, rowLo, rowHi} of the tumour's bounding sphere on the plane z, grown by pad pixels; or null. */
    private int[] tumourBox(Grid g, double z, int pad) {
        double dz = z - tumour.cz;
        double rr = tumour.rMax + pad * g.pixel();
        if (Math.abs(dz) > rr) {
            return null;
        }
        double half = Math.sqrt(rr * rr - dz * dz) + g.pixel();
        int[] cols = g.columnRange(tumour.cx - half, tumour.cx + half);
        int[] rows = g.rowRange(tumour.cy - half, tumour.cy + half);
        return new int[] {cols[0], cols[1], rows[0], rows[1]};
    }

    /** Paints the satellite nodule into a CT slice. */
    private void paintSatellite(Grid g, double z, float[] f, byte[] tissue) {
        if (!patient.satellite) {
            return;
        }
        double[] s = patient.satelliteCentre;
        double r = patient.satelliteRadius;
        double dz = z - s[2];
        if (Math.abs(dz) > r) {
            return;
        }
        double half = Math.sqrt(r * r - dz * dz);
        int[] cols = g.columnRange(s[0] - half, s[0] + half);
        int[] rows = g.rowRange(s[1] - half, s[1] + half);
        int w = g.columns();
        for (int j = rows[0]; j <= rows[1]; j++) {
            double y = g.y(j);
            for (int i = cols[0]; i <= cols[1]; i++) {
                double x = g.x(i);
                if ((x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1]) + dz * dz <= r * r) {
                    int p = j * w + i;
                    tissue[p] = Anatomy.SATELLITE;
                    f[p] = CT_HU[Anatomy.SATELLITE];
                }
            }
        }
    }

    private List<double[]> organContours(Grid g, byte[] base, byte label, int stride) {
        int w = g.columns();
        int sw = (g.columns() + stride - 1) / stride;
        int sh = (g.rows() + stride - 1) / stride;
        boolean[] mask = new boolean[sw * sh];
        boolean any = false;
        for (int j = 0; j < sh; j++) {
            for (int i = 0; i < sw; i++) {
                if (base[j * stride * w + i * stride] == label) {
                    mask[j * sw + i] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            return null;
        }
        return toPatient(g, ContourTracer.trace(mask, sw, sh), 0, 0, stride);
    }

    /** Converts loops in (sub-sampled, offset) pixel coordinates to patient x, y pairs. */
    private static List<double[]> toPatient(Grid g, List<double[]> loops, int offCol, int offRow, int stride) {
        List<double[]> out = new ArrayList<>(loops.size());
        for (double[] loop : loops) {
            double[] p = new double[loop.length];
            for (int a = 0; a < loop.length; a += 2) {
                p[a] = round4(g.x(offCol + loop[a] * stride));
                p[a + 1] = round4(g.y(offRow + loop[a + 1] * stride));
            }
            out.add(p);
        }
        return out;
    }

    static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    // --------------------------------------------------------------------------------------- PET

    @SuppressWarnings("unchecked")
    Pet renderPet(Grid g) {
        int w = g.columns();
        int h = g.rows();
        int n = g.slices();
        float[][] volume = new float[n][];
        List<double[]>[] contours = new List[n];
        boolean[][] masks = new boolean[n][];
        double[] sub = {-1 / 3.0, 0, 1 / 3.0};
        IntStream.range(0, n).parallel().forEach(k -> {
            double z = g.z()[k];
            byte[] base = new byte[w * h];
            float[] f = new float[w * h];
            for (int j = 0; j < h; j++) {
                double y = g.y(j);
                double lungShift = 0.1 * (y - anatomy.oy) / anatomy.bc;
                for (int i = 0; i < w; i++) {
                    byte l = anatomy.label(g.x(i), y, z);
                    base[j * w + i] = l;
                    boolean lung = l == Anatomy.LUNG_LEFT || l == Anatomy.LUNG_RIGHT;
                    f[j * w + i] = suvOf(l) + (lung ? (float) lungShift : 0f);
                }
            }
            byte[] tissue = base.clone();
            paintVessels(g, z, base, tissue);
            for (int p = 0; p < f.length; p++) {
                if (tissue[p] == Anatomy.VESSEL) {
                    f[p] = PET_SUV[Anatomy.VESSEL];
                }
            }
            // tumour and satellite, averaged over 3 x 3 x 3 sub-samples of each voxel
            int[] box = tumourBox(g, z, 1);
            boolean[] mask = new boolean[w * h];
            boolean any = false;
            if (box != null || satelliteBox(g, z) != null) {
                int[] b = box != null ? box : new int[] {0, -1, 0, -1};
                int[] sb = satelliteBox(g, z);
                for (int pass = 0; pass < 2; pass++) {
                    int[] r = pass == 0 ? b : sb;
                    if (r == null) {
                        continue;
                    }
                    for (int j = r[2]; j <= r[3]; j++) {
                        for (int i = r[0]; i <= r[1]; i++) {
                            int p = j * w + i;
                            double background = f[p];
                            double sum = 0;
                            int inside = 0;
                            for (double sz : sub) {
                                for (double sy : sub) {
                                    for (double sx : sub) {
                                        double x = g.x(i + sx);
                                        double y = g.y(j + sy);
                                        double zz = z + sz * g.spacing();
                                        double v = pass == 0 ? tumourSuv(x, y, zz) : satelliteSuv(x, y, zz);
                                        if (v >= 0) {
                                            sum += v;
                                            inside++;
                                        } else {
                                            sum += background;
                                        }
                                    }
                                }
                            }
                            if (inside > 0) {
                                f[p] = (float) (sum / 27);
                            }
                            if (pass == 0 && tumour.contains(g.x(i), g.y(j), z)) {
                                mask[p] = true;
                                any = true;
                            }
                        }
                    }
                }
            }
            masks[k] = mask;
            if (any) {
                contours[k] = toPatient(g, ContourTracer.trace(mask, w, h), 0, 0, 1);
            }
            // noise before the point-spread blur, so it comes out spatially correlated
            Rng rng = Rng.of(noiseSeed, 2, k);
            for (int p = 0; p < f.length; p++) {
                double v = f[p];
                if (v > 0) {
                    f[p] = (float) Math.max(0, v * (1 + 0.15 * rng.fastGaussian()) + 0.03 * rng.fastGaussian());
                }
            }
            volume[k] = f;
        });
        double sigma = PSF_FWHM_MM / 2.355;
        float[][] suv = Blur.blur3d(volume, w, h, Blur.kernel(sigma / g.pixel()), Blur.kernel(sigma / g.spacing()));
        // measurements on the tumour mask
        double max = 0;
        double sum = 0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < w * h; p++) {
                if (masks[k][p]) {
                    max = Math.max(max, suv[k][p]);
                    sum += suv[k][p];
                    count++;
                }
            }
        }
        int ci = (int) Math.round(g.column(tumour.cx));
        int cj = (int) Math.round(g.row(tumour.cy));
        int ck = g.nearestSlice(tumour.cz);
        double atCentre = suv[ck][cj * w + ci];
        return new Pet(suv, contours, max, count == 0 ? 0 : sum / count, count * g.pixel() * g.pixel() * g.spacing(),
                new int[] {ci, cj, ck}, atCentre);
    }

    private float suvOf(byte label) {
        return label == Anatomy.HEART ? (float) patient.heartSuv : PET_SUV[label];
    }

    /** SUV of the tumour at a point, or -1 outside it. */
    private double tumourSuv(double x, double y, double z) {
        double q = tumour.relativeRadius(x, y, z);
        if (q >= 1) {
            return -1;
        }
        double c = coreWeight(q);
        double viable = patient.uptakeSuv * (0.55 + 0.45 * texture.value(x, y, z));
        return (1 - c) * viable + c * NECROSIS_SUV;
    }

    private double satelliteSuv(double x, double y, double z) {
        double[] s = patient.satelliteCentre;
        double r = patient.satelliteRadius;
        double d2 = (x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1]) + (z - s[2]) * (z - s[2]);
        return d2 <= r * r ? patient.satelliteSuv : -1;
    }

    private int[] satelliteBox(Grid g, double z) {
        if (!patient.satellite) {
            return null;
        }
        double[] s = patient.satelliteCentre;
        double r = patient.satelliteRadius + g.spacing();
        if (Math.abs(z - s[2]) > r) {
            return null;
        }
        double half = patient.satelliteRadius + g.pixel();
        int[] cols = g.columnRange(s[0] - half, s[0] + half);
        int[] rows = g.rowRange(s[1] - half, s[1] + half);
        return new int[] {cols[0], cols[1], rows[0], rows[1]};
    }

    /** A smooth random field in [0, 1] for the tumour's heterogeneity (sum of plane waves). */
    static final class Texture {
        private final double[][] k = new double[5][];
        private final double[] phase = new double[5];
        private final double[] amp = new double[5];
        private double norm;

        Texture(Rng rng) {
            for (int i = 0; i < k.length; i++) {
                double[] d = rng.unitVector();
                double wave = 2 * Math.PI / rng.uniform(7, 20);
                k[i] = new double[] {d[0] * wave, d[1] * wave, d[2] * wave};
                phase[i] = rng.uniform(0, 2 * Math.PI);
                amp[i] = rng.uniform(0.5, 1);
                norm += amp[i];
            }
        }

        double value(double x, double y, double z) {
            double s = 0;
            for (int i = 0; i < k.length; i++) {
                s += amp[i] * Math.cos(k[i][0] * x + k[i][1] * y + k[i][2] * z + phase[i]);
            }
            return 0.5 + 0.5 * s / norm;
        }
    }
}

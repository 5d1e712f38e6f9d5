/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The pre-processing engine of METHOD.md section 2 (Baek et al. 2019): from a CT in HU, an
 * optional PET in SUVbw and the tumour contours to a {@link PreprocessedCase} of 96 x 96 x 48
 * voxels of 1 mm centred on the tumour, intensities clipped and scaled.
 *
 * <p>{@link #run} rasterises the CT contour on the native CT grid ({@link ContourRasterizer}),
 * takes its centre of mass and volume ({@link Masks}), places the crop on that centre with the
 * CT's orientation ({@link CropGrid}), and resamples CT (trilinear), PET (trilinear, from its own
 * grid, e.g. 4-mm voxels with another origin) and both masks ({@link MaskInterpolation})
 * directly onto the crop ({@link Resampler}): the whole image is never resampled. Where the crop
 * leaves an image the outside value pads. Finally CT and PET are clipped and scaled
 * ({@link Intensity}).
 *
 * <p>The PET mask comes from the PET contour rasterised on the native PET grid; without a PET
 * contour the CT contour's mask is used (carried onto the PET grid for the SUV statistics), which
 * presumes CT and PET share a frame of reference, as the paper's co-registered pairs do.
 * SUVmax and SUVmean are taken on the native PET grid, before clipping.
 *
 * <p>Immutable and thread-safe: one instance can process many cases concurrently.
 */
public final class Preprocessor {

    /**
     * Settings of the engine; every part validates itself.
     *
     * @param crop crop shape (paper: 96 x 96 x 48 voxels of 1 mm)
     * @param ctWindow CT clip window in HU (paper: [-500, 200])
     * @param petWindow PET clip window in SUV (paper: [0.01, 20])
     * @param ctOutside CT value where the crop leaves the CT image, HU (air, -1024)
     * @param petOutside PET value where the crop leaves the PET image, SUV (0)
     * @param planeTolerance contour-to-slice tolerance as a fraction of the slice spacing, (0, 0.5]
     * @param maskInterpolation how masks are carried onto other grids
     */
    public record Options(CropGrid crop, Intensity ctWindow, Intensity petWindow, float ctOutside, float petOutside,
            double planeTolerance, MaskInterpolation maskInterpolation) {

        public Options {
            Objects.requireNonNull(crop, "Options.crop");
            Objects.requireNonNull(ctWindow, "Options.ctWindow");
            Objects.requireNonNull(petWindow, "Options.petWindow");
            Objects.requireNonNull(maskInterpolation, "Options.maskInterpolation");
            if (!Float.isFinite(ctOutside)) {
                throw new IllegalArgumentException("Options.ctOutside must be finite, got " + ctOutside);
            }
            if (!Float.isFinite(petOutside)) {
                throw new IllegalArgumentException("Options.petOutside must be finite, got " + petOutside);
            }
            if (!(planeTolerance > 0 && planeTolerance <= 0.5)) {
                throw new IllegalArgumentException("Options.planeTolerance must be in (0, 0.5] slice spacings, got "
                        + planeTolerance);
            }
        }

        /** The paper's settings: 96 x 96 x 48 at 1 mm, CT [-500, 200] HU, PET [0.01, 20] SUV; pads -1024 HU and 0 SUV. */
        public static Options defaults() {
            return new Options(CropGrid.PAPER, Intensity.CT, Intensity.PET, -1024f, 0f,
                    ContourRasterizer.DEFAULT_PLANE_TOLERANCE, MaskInterpolation.NEAREST);
        }

        public Options withCrop(CropGrid c) {
            return new Options(c, ctWindow, petWindow, ctOutside, petOutside, planeTolerance, maskInterpolation);
        }

        public Options withMaskInterpolation(MaskInterpolation m) {
            return new Options(crop, ctWindow, petWindow, ctOutside, petOutside, planeTolerance, m);
        }
    }

    private final Options options;
    private final ContourRasterizer rasterizer;
    private final Resampler ctResampler;
    private final Resampler petResampler;

    public Preprocessor(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.rasterizer = new ContourRasterizer(options.planeTolerance());
        this.ctResampler = new Resampler(options.ctOutside(), options.maskInterpolation());
        this.petResampler = new Resampler(options.petOutside(), options.maskInterpolation());
    }

    public Options options() {
        return options;
    }

    /**
     * Pre-processes one case.
     *
     * @param ctHu the CT in HU on its native grid
     * @param petSuv the PET in SUVbw on its native grid, or null for a CT-only case
     * @param ctTumour the tumour contours drawn on the CT
     * @param petTumour the tumour contours drawn on the PET, or null to use {@code ctTumour}
     * @throws ImagingException if a contour set is empty or lies outside its image
     */
    public PreprocessedCase run(Volume ctHu, Volume petSuv, Roi ctTumour, Roi petTumour) {
        Objects.requireNonNull(ctHu, "ctHu");
        Objects.requireNonNull(ctTumour, "ctTumour");
        List<String> warnings = new ArrayList<>();
        Grid ctGrid = ctHu.grid();

        Rasterization ctRaster = rasterizer.rasterize(ctTumour, ctGrid);
        ctRaster.warnings().forEach(w -> warnings.add("CT: " + w));
        Mask ctNative = ctRaster.mask();
        Vec3 centre = Masks.centreOfMass(ctNative);
        double volumeCm3 = Masks.volumeMm3(ctNative) / 1000;

        Grid target = options.crop().around(centre, ctGrid);
        if (!inside(target, ctGrid)) {
            warnings.add("CT: the crop extends beyond the CT image; padded with " + options.ctOutside() + " HU");
        }
        double outsideCrop = fractionOutside(ctNative, target);
        if (outsideCrop > 0) {
            warnings.add(String.format(Locale.ROOT, "CT: %.1f%% of the tumour (%.1f cm3) lies outside the %dx%dx%d crop",
                    100 * outsideCrop, volumeCm3, target.nx(), target.ny(), target.nz()));
        }
        float[] ct = options.ctWindow().apply(ctResampler.resample(ctHu, target).data());
        byte[] ctMask = ctResampler.resample(ctNative, target).data();

        float[] pet = null;
        byte[] petMask = null;
        double petVolumeCm3 = Double.NaN;
        double suvMax = Double.NaN;
        double suvMean = Double.NaN;
        if (petSuv != null) {
            Grid petGrid = petSuv.grid();
            Mask petNative;
            if (petTumour != null) {
                Rasterization petRaster = rasterizer.rasterize(petTumour, petGrid);
                petRaster.warnings().forEach(w -> warnings.add("PET: " + w));
                petNative = petRaster.mask();
                petMask = petResampler.resample(petNative, target).data();
            } else {
                petNative = petResampler.resample(ctNative, petGrid);
                petMask = ctMask.clone();
            }
            if (!inside(target, petGrid)) {
                warnings.add("PET: the crop extends beyond the PET image; padded with " + options.petOutside() + " SUV");
            }
            petVolumeCm3 = Masks.volumeMm3(petNative) / 1000;
            double[] stats = maxAndMean(petSuv, petNative);
            suvMax = stats[0];
            suvMean = stats[1];
            if (Double.isNaN(suvMax)) {
                warnings.add("PET: the tumour mask covers no PET voxel; SUVmax and SUVmean are undefined");
            }
            pet = options.petWindow().apply(petResampler.resample(petSuv, target).data());
        }
        return new PreprocessedCase(target, ct, pet, ctMask, petMask, centre, volumeCm3, petVolumeCm3, suvMax, suvMean,
                warnings);
    }

    /** Whether every voxel centre of {@code crop} lies within the footprint of {@code image}'s voxels. */
    private static boolean inside(Grid crop, Grid image) {
        for (int c = 0; c < 8; c++) {
            Vec3 idx = image.toIndex(crop.world((c & 1) == 0 ? 0 : crop.nx() - 1, (c & 2) == 0 ? 0 : crop.ny() - 1,
                    (c & 4) == 0 ? 0 : crop.nz() - 1));
            if (!(idx.x() >= -0.5 && idx.x() < image.nx() - 0.5 && idx.y() >= -0.5 && idx.y() < image.ny() - 0.5
                    && idx.z() >= -0.5 && idx.z() < image.nz() - 0.5)) {
                return false;
            }
        }
        return true;
    }

    /** Fraction of the mask's voxel centres that fall outside the footprint of {@code crop}'s voxels. */
    private static double fractionOutside(Mask mask, Grid crop) {
        Grid g = mask.grid();
        byte[] d = mask.data();
        long in = 0;
        long out = 0;
        int end = d.length - 7;
        int nx = g.nx();
        int plane = nx * g.ny();
        for (int n = 0; n < d.length; n++) {
            if (n < end && (n & 7) == 0 && Bytes.zeroWord(d, n)) {
                n += 7;
                continue;
            }
            if (d[n] != 0) {
                int k = n / plane;
                int r = n - k * plane;
                int j = r / nx;
                Vec3 w = g.world(r - j * nx, j, k);
                Vec3 idx = crop.toIndex(w);
                if (idx.x() >= -0.5 && idx.x() < crop.nx() - 0.5 && idx.y() >= -0.5 && idx.y() < crop.ny() - 0.5
                        && idx.z() >= -0.5 && idx.z() < crop.nz() - 0.5) {
                    in++;
                } else {
                    out++;
                }
            }
        }
        return in + out == 0 ? 0 : (double) out / (in + out);
    }

    /** {max, mean} of the volume over the mask's voxels (same grid); NaNs if the mask is empty. */
    private static double[] maxAndMean(Volume v, Mask m) {
        float[] d = v.data();
        byte[] b = m.data();
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long count = 0;
        for (int n = 0; n < b.length; n++) {
            if (b[n] != 0) {
                max = Math.max(max, d[n]);
                sum += d[n];
                count++;
            }
        }
        return count == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {max, sum / count};
    }
}

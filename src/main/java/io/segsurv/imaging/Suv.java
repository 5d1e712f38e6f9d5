/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.time.Duration;
import java.util.Locale;

/**
 * Standardised uptake value normalised by body weight (SUVbw), g/ml:
 *
 * <pre>
 *   SUVbw = C * W / D(t_ref)
 *   D(t_ref) = D * 2^(-(t_ref - t_inj) / T_half)      (DecayCorrection START or NONE)
 *   D(t_ref) = D                                       (DecayCorrection ADMIN)
 * </pre>
 *
 * with C the activity concentration in Bq/ml (stored pixel value after RescaleSlope and
 * RescaleIntercept, Units BQML), W the patient weight in g and D the injected dose in Bq
 * (1 ml of tissue taken as 1 g). Sources: DICOM PS3.3 C.8.9.1 and C.8.9.2 (PET Series and PET
 * Isotope modules: Units, DecayCorrection, RadionuclideTotalDose, RadionuclideHalfLife), and the QIBA
 * FDG-PET/CT Profile's vendor-neutral SUV pseudo-code; Kinahan and Fletcher, "PET/CT standardized
 * uptake values (SUVs) in clinical practice and assessing response to therapy", Semin.
 * Ultrasound CT MR 31 (2010) 496-505.
 *
 * <p>{@link DecayCorrection#START}: the images are corrected to the series reference time, so the
 * dose is decayed from injection to that time. {@link DecayCorrection#ADMIN}: the images are
 * already corrected back to the administration time, so the dose is used as assayed.
 * {@link DecayCorrection#NONE}: every frame holds activity as measured at its own acquisition
 * time; the dose must be decayed to that time, so the caller computes one factor per frame with
 * that frame's AcquisitionDate/Time as {@link SuvParameters#referenceTime()}.
 * Units GML means the values already are SUVbw: the factor is 1.
 */
public final class Suv {

    private Suv() {
    }

    /**
     * The factor that turns Bq/ml into SUVbw ({@code SUV = factor * C}), in g/Bq.
     *
     * @throws ImagingException naming the first missing or invalid field the computation needs
     */
    public static double bodyWeightFactor(SuvParameters p) {
        String units = p.units();
        if (units == null || units.isBlank()) {
            throw missing("Units (0054,1001)");
        }
        String u = units.strip().toUpperCase(Locale.ROOT);
        if (u.equals("GML")) {
            return 1.0;
        }
        if (!u.equals("BQML")) {
            throw new ImagingException("PET Units (0054,1001) is '" + units
                    + "': SUVbw needs BQML (activity concentration in Bq/ml)");
        }
        double weight = positive(p.patientWeightKg(), "PatientWeight (0010,1030)", "kg");
        if (weight > 1000) {
            throw new ImagingException("PET PatientWeight (0010,1030) is " + weight + " kg: not a weight in kg");
        }
        return weight * 1000.0 / decayedDoseBq(p);
    }

    /**
     * The injected dose at the time the activity refers to (see the class comment), in Bq.
     *
     * @throws ImagingException naming the first missing or invalid field the computation needs
     */
    public static double decayedDoseBq(SuvParameters p) {
        double dose = positive(p.totalDoseBq(), "RadionuclideTotalDose (0018,1074)", "Bq");
        DecayCorrection dc = p.decayCorrection();
        if (dc == null) {
            throw missing("DecayCorrection (0054,1102)");
        }
        if (dc == DecayCorrection.ADMIN) {
            return dose;
        }
        double halfLife = positive(p.halfLifeS(), "RadionuclideHalfLife (0018,1075)", "s");
        if (p.injectionTime() == null) {
            throw missing("RadiopharmaceuticalStartDateTime (0018,1078)");
        }
        if (p.referenceTime() == null) {
            throw missing(dc == DecayCorrection.START ? "series reference time (SeriesDate/SeriesTime)"
                    : "frame acquisition time (AcquisitionDate/AcquisitionTime)");
        }
        Duration delay = Duration.between(p.injectionTime(), p.referenceTime());
        if (delay.isNegative()) {
            throw new ImagingException("PET injection time " + p.injectionTime() + " is after the reference time "
                    + p.referenceTime() + ": cannot compute SUVbw (injection before midnight without a date?)");
        }
        double seconds = delay.toNanos() / 1e9;
        return dose * Math.pow(2, -seconds / halfLife);
    }

    /** A new volume {@code factor * source} (e.g. Bq/ml to SUVbw). */
    public static Volume toSuv(Volume source, double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("SUV factor must be positive and finite, got " + factor);
        }
        float[] in = source.data();
        float[] out = new float[in.length];
        float f = (float) factor;
        for (int n = 0; n < in.length; n++) {
            out[n] = in[n] * f;
        }
        return new Volume(source.grid(), out);
    }

    private static double positive(Double v, String field, String unit) {
        if (v == null) {
            throw missing(field);
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new ImagingException("PET " + field + " is " + v + " " + unit + ": must be positive; cannot compute SUVbw");
        }
        return v;
    }

    private static ImagingException missing(String field) {
        return new ImagingException("PET series has no " + field + ": cannot compute SUVbw");
    }
}

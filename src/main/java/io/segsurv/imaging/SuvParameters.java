/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.time.LocalDateTime;

/**
 * What {@link Suv} needs from a PET series, as plain values. Any field may be null here (a DICOM
 * attribute was absent); {@link Suv#bodyWeightFactor} names the first missing or invalid field
 * that the computation actually needs.
 *
 * @param patientWeightKg PatientWeight (0010,1030), kg
 * @param totalDoseBq RadionuclideTotalDose (0018,1074), Bq, as assayed at the injection time
 * @param halfLifeS RadionuclideHalfLife (0018,1075), s (F-18: 6586.2 s)
 * @param injectionTime RadiopharmaceuticalStartDateTime (0018,1078), or the StartTime (0018,1072)
 *     combined with a date by the caller
 * @param referenceTime the time the activity is decay-corrected to for {@link DecayCorrection#START}
 *     (SeriesDate/SeriesTime, or the earliest AcquisitionDate/Time, per the QIBA pseudo-code), or
 *     for {@link DecayCorrection#NONE} the frame's own acquisition time
 * @param decayCorrection DecayCorrection (0054,1102)
 * @param units Units (0054,1001): BQML (activity concentration, Bq/ml, after RescaleSlope and
 *     RescaleIntercept) or GML (already SUVbw)
 */
public record SuvParameters(Double patientWeightKg, Double totalDoseBq, Double halfLifeS, LocalDateTime injectionTime,
        LocalDateTime referenceTime, DecayCorrection decayCorrection, String units) {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Locale;

/** DICOM DecayCorrection (0054,1102): the time to which a PET series' activity has been decay-corrected (PS3.3 C.8.9.1). */
public enum DecayCorrection {
    /** No decay correction: each frame's activity is as measured at its own acquisition time. */
    NONE,
    /** Corrected to the acquisition start time (the series reference time). */
    START,
    /** Corrected to the radiopharmaceutical administration time. */
    ADMIN;

    /** Parses the DICOM code string (surrounding spaces and case ignored); fails naming the bad value. */
    public static DecayCorrection ofDicom(String code) {
        if (code == null || code.isBlank()) {
            throw new ImagingException("PET series has no DecayCorrection (0054,1102): cannot compute SUVbw");
        }
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ImagingException("PET DecayCorrection (0054,1102) is '" + code + "', not one of NONE, START, ADMIN");
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import com.pixelmed.dicom.AttributeList;

/**
 * One parsed DICOM file with the identifiers and geometry the import needs; the full attribute
 * list is kept for de-identification and storage.
 *
 * @param source                 the file's name as the user gave it (path inside a folder or zip)
 * @param imagePosition          ImagePositionPatient, or null for non-image objects
 * @param imageOrientation       ImageOrientationPatient (6 values), or null
 * @param pixelSpacing           PixelSpacing (row spacing, column spacing), or null
 */
public record DicomInstance(String source, String sopInstanceUid, String sopClassUid, String modality, String studyUid,
                            String seriesUid, String frameOfReferenceUid, String patientId, String patientName,
                            int instanceNumber, double[] imagePosition, double[] imageOrientation, double[] pixelSpacing,
                            int rows, int columns, String transferSyntaxUid, AttributeList attributes) {

    public boolean isImage() {
        return rows > 0 && columns > 0;
    }

    public boolean isRtStruct() {
        return "RTSTRUCT".equals(modality);
    }
}

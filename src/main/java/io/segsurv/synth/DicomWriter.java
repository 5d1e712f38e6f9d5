/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import static io.segsurv.synth.Dicom.code;
import static io.segsurv.synth.Dicom.da;
import static io.segsurv.synth.Dicom.ds;
import static io.segsurv.synth.Dicom.is;
import static io.segsurv.synth.Dicom.item;
import static io.segsurv.synth.Dicom.put;
import static io.segsurv.synth.Dicom.sequence;
import static io.segsurv.synth.Dicom.tm;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Writes one patient's CT, PET and RT Structure Set instances (valid IODs by dciodvfy) with
 * PixelMed. Identifiers look real on purpose: the import must de-identify them.
 */
final class DicomWriter {

    /** F-18 half-life (s) as written in RadionuclideHalfLife. */
    static final double HALF_LIFE_S = 6586.2;
    /** Study Component Management SOP Class, referenced from RTReferencedStudySequence as is customary. */
    private static final String STUDY_COMPONENT_SOP_CLASS = "1.2.840.10008.3.1.2.3.2";
    private static final String[][] ROI_COLOURS = {{"255", "0", "0"}, {"0", "128", "255"}, {"0", "255", "128"},
            {"255", "0", "255"}, {"255", "200", "0"}, {"255", "255", "0"}};

    private final SyntheticPatient patient;
    private final Uids uids;
    private final ScanGeometry geometry;
    private final boolean ctOnly;
    private final LocalTime ctTime;
    private final LocalTime petTime;
    private final LocalTime studyTime;

    DicomWriter(SyntheticPatient patient, Uids uids, ScanGeometry geometry, boolean ctOnly) {
        this.patient = patient;
        this.uids = uids;
        this.geometry = geometry;
        this.ctOnly = ctOnly;
        this.petTime = patient.injectionTime.plusSeconds(patient.uptakeSeconds);
        this.ctTime = petTime.minusSeconds(150);
        this.studyTime = ctTime.minusSeconds(240);
    }

    /** Bq/ml per SUV unit: decay-corrected dose at the PET series time over body weight in g. */
    double bqmlPerSuv() {
        double seconds = petTime.toSecondOfDay() - patient.injectionTime.toSecondOfDay();
        double decayed = patient.doseBq * Math.pow(2, -seconds / HALF_LIFE_S);
        return decayed / (patient.weightKg * 1000);
    }

    // ------------------------------------------------------------------------------------ common

    private void patientAndStudy(AttributeList l) {
        put(l, "PatientName", patient.patientName);
        put(l, "PatientID", patient.patientId);
        put(l, "PatientBirthDate", da(patient.birthDate));
        put(l, "PatientSex", patient.male ? "M" : "F");
        put(l, "PatientAge", String.format(Locale.ROOT, "%03dY", (int) Math.floor(patient.ageYears)));
        put(l, "PatientSize", ds(patient.heightM));
        put(l, "PatientWeight", ds(patient.weightKg));
        put(l, "StudyInstanceUID", uids.study());
        put(l, "StudyDate", da(patient.scanDate));
        put(l, "StudyTime", tm(studyTime));
        put(l, "ReferringPhysicianName");
        put(l, "StudyID", is(1000L + patient.index));
        put(l, "AccessionNumber", String.format(Locale.ROOT, "A%07d", 4_100_000 + patient.index * 7));
        put(l, "StudyDescription", ctOnly ? "CT THORAX" : "PET-CT WHOLE BODY FDG");
    }

    private void series(AttributeList l, String modality, String uid, int number, String description, LocalTime time) {
        put(l, "Modality", modality);
        put(l, "SeriesInstanceUID", uid);
        put(l, "SeriesNumber", is(number));
        put(l, "SeriesDate", da(patient.scanDate));
        put(l, "SeriesTime", tm(time));
        put(l, "SeriesDescription", description);
    }

    private void equipment(AttributeList l, String model) {
        put(l, "Manufacturer", "SegSurv");
        put(l, "InstitutionName", "Synthetic Cohort Hospital");
        put(l, "StationName", "SYNTH01");
        put(l, "ManufacturerModelName", model);
        put(l, "DeviceSerialNumber", "1411");
        put(l, "SoftwareVersions", "segsurv-synth 1");
    }

    private void frameOfReference(AttributeList l) {
        put(l, "FrameOfReferenceUID", uids.frameOfReference());
        put(l, "PositionReferenceIndicator");
    }

    private void sop(AttributeList l, String sopClass, String instance) {
        put(l, "SOPClassUID", sopClass);
        put(l, "SOPInstanceUID", instance);
        put(l, "InstanceCreationDate", da(patient.scanDate));
        put(l, "InstanceCreationTime", tm(ctTime));
    }

    private static void plane(AttributeList l, Grid g, int k) {
        double[] o = g.orientation();
        put(l, "ImageOrientationPatient", ds(o[0]), ds(o[1]), ds(o[2]), ds(o[3]), ds(o[4]), ds(o[5]));
        put(l, "ImagePositionPatient", ds(g.x0()), ds(g.y0()), ds(g.z()[k]));
        put(l, "PixelSpacing", ds(g.pixel()), ds(g.pixel()));
        put(l, "SliceThickness", ds(g.spacing()));
        put(l, "SliceLocation", ds(g.z()[k]));
    }

    private static void pixels(AttributeList l, Grid g, short[] values) {
        put(l, "SamplesPerPixel", "1");
        put(l, "PhotometricInterpretation", "MONOCHROME2");
        put(l, "Rows", is(g.rows()));
        put(l, "Columns", is(g.columns()));
        put(l, "BitsAllocated", "16");
        put(l, "BitsStored", "16");
        put(l, "HighBit", "15");
        put(l, "PixelRepresentation", "0");
        try {
            OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
            a.setValues(values);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------- CT

    /** Writes the CT series into dir as CT-0001.dcm ...; returns the number of bytes. */
    long writeCt(Path dir, Renderer.Ct ct) {
        Grid g = geometry.ct();
        AtomicLong bytes = new AtomicLong();
        IntStream.range(0, g.slices()).parallel().forEach(k -> {
            AttributeList l = new AttributeList();
            patientAndStudy(l);
            series(l, "CT", uids.ctSeries(), 2, "THORAX 1.0 STANDARD", ctTime);
            put(l, "BodyPartExamined", "CHEST");
            put(l, "PatientPosition", patient.feetFirst ? "FFS" : "HFS");
            frameOfReference(l);
            equipment(l, ctOnly ? "SynthCT" : "SynthPET/CT");
            sop(l, SOPClass.CTImageStorage, uids.ctImage(k));
            put(l, "ImageType", "ORIGINAL", "PRIMARY", "AXIAL");
            put(l, "InstanceNumber", is(k + 1));
            put(l, "AcquisitionNumber", "1");
            put(l, "ContentDate", da(patient.scanDate));
            put(l, "ContentTime", tm(ctTime));
            put(l, "AcquisitionDate", da(patient.scanDate));
            put(l, "AcquisitionTime", tm(ctTime));
            plane(l, g, k);
            pixels(l, g, ct.pixels()[k]);
            put(l, "RescaleIntercept", "-1024");
            put(l, "RescaleSlope", "1");
            put(l, "RescaleType", "HU");
            put(l, "WindowCenter", "40");
            put(l, "WindowWidth", "400");
            put(l, "KVP", "120");
            put(l, "XRayTubeCurrent", "180");
            put(l, "ExposureTime", "500");
            put(l, "ConvolutionKernel", "STANDARD");
            put(l, "ReconstructionDiameter", ds(g.columns() * g.pixel()));
            put(l, "GantryDetectorTilt", "0");
            put(l, "TableHeight", ds(Math.round(140 - patient.anatomy.oy)));
            bytes.addAndGet(Dicom.write(l, dir.resolve(String.format(Locale.ROOT, "CT-%04d.dcm", k + 1))));
        });
        return bytes.get();
    }

    // --------------------------------------------------------------------------------------- PET

    /** Writes the PET series (activity in Bq/ml, decay-corrected to the series start); returns bytes. */
    long writePet(Path dir, Renderer.Pet pet) {
        Grid g = geometry.pet();
        double perSuv = bqmlPerSuv();
        AtomicLong bytes = new AtomicLong();
        IntStream.range(0, g.slices()).parallel().forEach(k -> {
            float[] suv = pet.suv()[k];
            double max = 0;
            for (float v : suv) {
                max = Math.max(max, v * perSuv);
            }
            String slopeText = Dicom.dsSignificant(Math.max(max, 1) / 32000);
            double slope = Double.parseDouble(slopeText);
            short[] stored = new short[suv.length];
            for (int p = 0; p < suv.length; p++) {
                stored[p] = (short) Math.max(0, Math.min(65535, Math.round(suv[p] * perSuv / slope)));
            }
            AttributeList l = new AttributeList();
            patientAndStudy(l);
            series(l, "PT", uids.petSeries(), 3, "PET WB FDG AC", petTime);
            put(l, "BodyPartExamined", "CHEST");
            frameOfReference(l);
            equipment(l, "SynthPET/CT");
            sop(l, SOPClass.PETImageStorage, uids.petImage(k));
            put(l, "ImageType", "ORIGINAL", "PRIMARY");
            put(l, "InstanceNumber", is(k + 1));
            put(l, "ContentDate", da(patient.scanDate));
            put(l, "ContentTime", tm(petTime));
            put(l, "AcquisitionDate", da(patient.scanDate));
            put(l, "AcquisitionTime", tm(petTime));
            plane(l, g, k);
            pixels(l, g, stored);
            put(l, "RescaleIntercept", "0");
            put(l, "RescaleSlope", slopeText);
            // PET Series
            put(l, "SeriesType", "WHOLE BODY", "IMAGE");
            put(l, "Units", "BQML");
            put(l, "CountsSource", "EMISSION");
            put(l, "NumberOfSlices", is(g.slices()));
            put(l, "CorrectedImage", "DECY", "ATTN", "SCAT", "DTIM", "RAN", "NORM");
            put(l, "RandomsCorrectionMethod", "DLYD");
            put(l, "AttenuationCorrectionMethod", "CT-based");
            put(l, "ScatterCorrectionMethod", "Model-based");
            put(l, "DecayCorrection", "START");
            put(l, "ReconstructionMethod", "OSEM 3i21s");
            put(l, "ReconstructionDiameter", ds(g.columns() * g.pixel()));
            put(l, "CollimatorType", "NONE");
            put(l, "AxialAcceptance", "54");
            // PET Isotope
            SequenceAttribute radio = sequence(l, "RadiopharmaceuticalInformationSequence");
            AttributeList r = item(radio);
            put(r, "Radiopharmaceutical", "Fluorodeoxyglucose");
            put(r, "RadiopharmaceuticalRoute", "Intravenous");
            put(r, "RadiopharmaceuticalStartTime", tm(patient.injectionTime));
            put(r, "RadiopharmaceuticalStartDateTime", da(patient.scanDate) + tm(patient.injectionTime));
            put(r, "RadionuclideTotalDose", is(patient.doseBq));
            put(r, "RadionuclideHalfLife", ds(HALF_LIFE_S));
            put(r, "RadionuclidePositronFraction", "0.9673");
            code(r, "RadionuclideCodeSequence", "77004003", "^18^Fluorine");
            code(r, "RadiopharmaceuticalCodeSequence", "35321007", "Fluorodeoxyglucose F^18^");
            // NM/PET Patient Orientation
            AttributeList orientation = code(l, "PatientOrientationCodeSequence", "102538003", "recumbent");
            code(orientation, "PatientOrientationModifierCodeSequence", "40199007", "supine");
            if (patient.feetFirst) {
                code(l, "PatientGantryRelationshipCodeSequence", "102541007", "feet-first");
            } else {
                code(l, "PatientGantryRelationshipCodeSequence", "102540008", "headfirst");
            }
            // PET Image
            put(l, "FrameReferenceTime", "0");
            put(l, "ImageIndex", is(k + 1));
            put(l, "ActualFrameDuration", "180000");
            put(l, "DecayFactor", "1");
            put(l, "SliceSensitivityFactor", "1");
            bytes.addAndGet(Dicom.write(l, dir.resolve(String.format(Locale.ROOT, "PT-%04d.dcm", k + 1))));
        });
        return bytes.get();
    }

    // ---------------------------------------------------------------------------------- RTSTRUCT

    /** The structure set on the CT: GTV-1 and the organs at risk. */
    long writeCtStructureSet(Path file, Renderer.Ct ct) {
        return writeStructureSet(file, geometry.ct(), uids.ctStructureSeries(), uids.ctStructureSet(), 4,
                "CT contours", uids.ctSeries(), true, Renderer.CT_ROIS, ct.contours(),
                ctOnly ? 1 : Renderer.CT_ROIS.length);
    }

    /** The structure set on the PET: GTV_PET. */
    @SuppressWarnings("unchecked")
    long writePetStructureSet(Path file, Renderer.Pet pet) {
        List<double[]>[][] contours = new List[][] {pet.contours()};
        return writeStructureSet(file, geometry.pet(), uids.petStructureSeries(), uids.petStructureSet(), 5,
                "PET contours", uids.petSeries(), false, new String[] {Renderer.PET_ROI}, contours, 1);
    }

    private long writeStructureSet(Path file, Grid g, String seriesUid, String instanceUid, int seriesNumber,
            String description, String imageSeriesUid, boolean onCt, String[] names, List<double[]>[][] contours,
            int roiCount) {
        String imageClass = onCt ? SOPClass.CTImageStorage : SOPClass.PETImageStorage;
        LocalTime time = LocalTime.of(10, 0).plusMinutes(patient.index % 300);
        AttributeList l = new AttributeList();
        patientAndStudy(l);
        series(l, "RTSTRUCT", seriesUid, seriesNumber, description, time);
        put(l, "OperatorsName");
        frameOfReference(l);
        equipment(l, "SynthContour");
        sop(l, SOPClass.RTStructureSetStorage, instanceUid);
        put(l, "InstanceNumber", "1");
        put(l, "StructureSetLabel", onCt ? "GTV-CT" : "GTV-PET");
        put(l, "StructureSetName", onCt ? "RTSTRUCT CT" : "RTSTRUCT PET");
        put(l, "StructureSetDate", da(patient.scanDate.plusDays(2)));
        put(l, "StructureSetTime", tm(time));
        SequenceAttribute refFor = sequence(l, "ReferencedFrameOfReferenceSequence");
        AttributeList forItem = item(refFor);
        put(forItem, "FrameOfReferenceUID", uids.frameOfReference());
        AttributeList study = item(sequence(forItem, "RTReferencedStudySequence"));
        put(study, "ReferencedSOPClassUID", STUDY_COMPONENT_SOP_CLASS);
        put(study, "ReferencedSOPInstanceUID", uids.study());
        AttributeList series = item(sequence(study, "RTReferencedSeriesSequence"));
        put(series, "SeriesInstanceUID", imageSeriesUid);
        SequenceAttribute images = sequence(series, "ContourImageSequence");
        for (int k = 0; k < g.slices(); k++) {
            AttributeList im = item(images);
            put(im, "ReferencedSOPClassUID", imageClass);
            put(im, "ReferencedSOPInstanceUID", onCt ? uids.ctImage(k) : uids.petImage(k));
        }
        SequenceAttribute rois = sequence(l, "StructureSetROISequence");
        SequenceAttribute roiContours = sequence(l, "ROIContourSequence");
        SequenceAttribute observations = sequence(l, "RTROIObservationsSequence");
        for (int r = 0; r < roiCount; r++) {
            boolean gtv = names[r].startsWith("GTV");
            AttributeList roi = item(rois);
            put(roi, "ROINumber", is(r + 1));
            put(roi, "ReferencedFrameOfReferenceUID", uids.frameOfReference());
            put(roi, "ROIName", names[r]);
            put(roi, "ROIGenerationAlgorithm", "MANUAL");
            AttributeList rc = item(roiContours);
            put(rc, "ROIDisplayColor", ROI_COLOURS[gtv && !onCt ? 0 : r]);
            put(rc, "ReferencedROINumber", is(r + 1));
            SequenceAttribute cs = null;
            int number = 0;
            for (int k = 0; k < g.slices(); k++) {
                List<double[]> loops = contours[r][k];
                if (loops == null) {
                    continue;
                }
                for (double[] loop : loops) {
                    if (cs == null) {
                        cs = sequence(rc, "ContourSequence");
                    }
                    AttributeList c = item(cs);
                    AttributeList ref = item(sequence(c, "ContourImageSequence"));
                    put(ref, "ReferencedSOPClassUID", imageClass);
                    put(ref, "ReferencedSOPInstanceUID", onCt ? uids.ctImage(k) : uids.petImage(k));
                    put(c, "ContourNumber", is(++number));
                    put(c, "ContourGeometricType", "CLOSED_PLANAR");
                    put(c, "NumberOfContourPoints", is(loop.length / 2));
                    String zText = ds(g.z()[k]);
                    String[] data = new String[loop.length / 2 * 3];
                    for (int a = 0, b = 0; a < loop.length; a += 2) {
                        data[b++] = ds(loop[a]);
                        data[b++] = ds(loop[a + 1]);
                        data[b++] = zText;
                    }
                    put(c, "ContourData", data);
                }
            }
            AttributeList obs = item(observations);
            put(obs, "ObservationNumber", is(r + 1));
            put(obs, "ReferencedROINumber", is(r + 1));
            put(obs, "RTROIInterpretedType", gtv ? "GTV" : "ORGAN");
            put(obs, "ROIInterpreter");
        }
        return Dicom.write(l, file);
    }
}

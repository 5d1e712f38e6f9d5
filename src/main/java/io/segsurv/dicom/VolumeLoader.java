/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import io.segsurv.imaging.Contour;
import io.segsurv.imaging.DecayCorrection;
import io.segsurv.imaging.Grid;
import io.segsurv.imaging.ImagingException;
import io.segsurv.imaging.Roi;
import io.segsurv.imaging.Suv;
import io.segsurv.imaging.SuvParameters;
import io.segsurv.imaging.Vec3;
import io.segsurv.imaging.Volume;
import java.awt.image.Raster;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns ordered DICOM series into the plain volumes of {@code io.segsurv.imaging}: CT in Hounsfield
 * units (RescaleSlope/Intercept per slice), PET in SUV body weight (decay-corrected injected dose,
 * patient weight), and RTSTRUCT ROIs into polygons.
 */
public final class VolumeLoader {

    private VolumeLoader() {
    }

    /** The voxel grid of an ordered series: i along the row direction, j along the column direction, k along the normal. */
    public static Grid grid(ImageSeries series) throws DicomProblem {
        DicomInstance first = series.slices().getFirst();
        double[] iop = first.imageOrientation();
        double[] spacing = first.pixelSpacing();
        if (spacing == null) {
            throw new DicomProblem(first.source(), "has no PixelSpacing");
        }
        double sz = series.slices().size() > 1 ? series.spacing() : sliceThickness(first);
        double[] o = first.imagePosition();
        try {
            return new Grid(first.columns(), first.rows(), series.slices().size(), new Vec3(o[0], o[1], o[2]),
                    new Vec3(iop[0], iop[1], iop[2]), new Vec3(iop[3], iop[4], iop[5]),
                    new Vec3(series.normal()[0], series.normal()[1], series.normal()[2]), spacing[1], spacing[0], sz);
        } catch (RuntimeException e) {
            throw new DicomProblem(first.source(), "has a geometry that cannot be used: " + e.getMessage(), e);
        }
    }

    /** CT in HU. */
    public static Volume hounsfield(ImageSeries series) throws DicomProblem {
        return new Volume(grid(series), rescaled(series));
    }

    /** PET in SUVbw. */
    public static Volume suv(ImageSeries series) throws DicomProblem {
        DicomInstance first = series.slices().getFirst();
        double factor;
        try {
            factor = Suv.bodyWeightFactor(suvParameters(first.attributes()));
        } catch (ImagingException e) {
            throw new DicomProblem(first.source(), e.getMessage(), e);
        }
        float[] data = rescaled(series);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (data[i] * factor);
        }
        return new Volume(grid(series), data);
    }

    public static Roi roi(StructureSet.Roi roi) {
        List<Contour> contours = new ArrayList<>();
        for (double[] c : roi.contours()) {
            contours.add(Contour.ofDicom(c));
        }
        return new Roi(roi.name(), contours);
    }

    static SuvParameters suvParameters(AttributeList list) {
        Double weight = number(list, "PatientWeight");
        Double dose = null;
        Double halfLife = null;
        LocalDateTime injection = null;
        LocalDate seriesDate = date(DicomReader.str(list, "SeriesDate"));
        if (seriesDate == null) {
            seriesDate = date(DicomReader.str(list, "AcquisitionDate"));
        }
        if (list.get(Tags.of("RadiopharmaceuticalInformationSequence")) instanceof SequenceAttribute seq && seq.getNumberOfItems() > 0) {
            AttributeList item = seq.getItem(0).getAttributeList();
            dose = number(item, "RadionuclideTotalDose");
            halfLife = number(item, "RadionuclideHalfLife");
            injection = dateTime(DicomReader.str(item, "RadiopharmaceuticalStartDateTime"));
            if (injection == null && seriesDate != null) {
                LocalTime t = time(DicomReader.str(item, "RadiopharmaceuticalStartTime"));
                injection = t == null ? null : seriesDate.atTime(t);
            }
        }
        LocalTime seriesTime = time(DicomReader.str(list, "SeriesTime"));
        if (seriesTime == null) {
            seriesTime = time(DicomReader.str(list, "AcquisitionTime"));
        }
        LocalDateTime reference = seriesDate == null || seriesTime == null ? null : seriesDate.atTime(seriesTime);
        String correction = DicomReader.str(list, "DecayCorrection");
        return new SuvParameters(weight, dose, halfLife, injection, reference,
                correction.isEmpty() ? null : DecayCorrection.ofDicom(correction), DicomReader.str(list, "Units"));
    }

    private static float[] rescaled(ImageSeries series) throws DicomProblem {
        DicomInstance first = series.slices().getFirst();
        int nx = first.columns();
        int ny = first.rows();
        int plane = nx * ny;
        float[] out = new float[plane * series.slices().size()];
        for (int k = 0; k < series.slices().size(); k++) {
            DicomInstance d = series.slices().get(k);
            AttributeList list = d.attributes();
            double slope = orDefault(number(list, "RescaleSlope"), 1);
            double intercept = orDefault(number(list, "RescaleIntercept"), 0);
            boolean signed = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0) == 1;
            int offset = k * plane;
            Attribute pixels = list.getPixelData();
            try {
                if (pixels instanceof OtherWordAttribute w && !encapsulated(d)) {
                    short[] v = w.getShortValues();
                    for (int i = 0; i < plane; i++) {
                        int raw = signed ? v[i] : v[i] & 0xFFFF;
                        out[offset + i] = (float) (raw * slope + intercept);
                    }
                } else if (pixels instanceof OtherByteAttribute b && !encapsulated(d)) {
                    byte[] v = b.getByteValues();
                    int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 8);
                    for (int i = 0; i < plane; i++) {
                        int raw;
                        if (bits == 16) {
                            int lo = v[2 * i] & 0xFF;
                            int hi = v[2 * i + 1];
                            raw = signed ? (short) ((hi << 8) | lo) : ((hi & 0xFF) << 8) | lo;
                        } else {
                            raw = signed ? v[i] : v[i] & 0xFF;
                        }
                        out[offset + i] = (float) (raw * slope + intercept);
                    }
                } else {
                    Raster raster = new com.pixelmed.display.SourceImage(list).getBufferedImage(0).getRaster();
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            out[offset + j * nx + i] = (float) (raster.getSample(i, j, 0) * slope + intercept);
                        }
                    }
                }
            } catch (Exception e) {
                throw new DicomProblem(d.source(), "pixel data cannot be decoded: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static boolean encapsulated(DicomInstance d) {
        return d.transferSyntaxUid().equals("1.2.840.10008.1.2.5") || d.transferSyntaxUid().equals("1.2.840.10008.1.2.4.50");
    }

    private static double sliceThickness(DicomInstance d) {
        return orDefault(number(d.attributes(), "SliceThickness"), 1);
    }

    private static double orDefault(Double v, double d) {
        return v == null ? d : v;
    }

    private static Double number(AttributeList list, String keyword) {
        String s = DicomReader.str(list, keyword);
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        if (s == null || s.length() < 8) {
            return null;
        }
        try {
            return LocalDate.parse(s.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** DICOM TM: HHMMSS.FFFFFF, leading parts only allowed. */
    private static LocalTime time(String s) {
        if (s == null || s.length() < 4) {
            return null;
        }
        try {
            int h = Integer.parseInt(s.substring(0, 2));
            int m = Integer.parseInt(s.substring(2, 4));
            double sec = s.length() >= 6 ? Double.parseDouble(s.substring(4).replace(":", "")) : 0;
            return LocalTime.of(h, m).plusNanos(Math.round(sec * 1e9));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalDateTime dateTime(String s) {
        LocalDate d = date(s);
        if (d == null) {
            return null;
        }
        LocalTime t = s.length() > 8 ? time(s.substring(8).replaceAll("[+-]\\d{4}$", "")) : LocalTime.MIDNIGHT;
        return t == null ? null : d.atTime(t);
    }
}

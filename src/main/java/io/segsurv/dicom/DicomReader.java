/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads one DICOM file with PixelMed and checks what PixelMed does not: that it is DICOM at all,
 * that its transfer syntax can be decoded here, and that the pixel data is complete (PixelMed
 * returns a list without pixel data for a truncated file instead of failing).
 */
public final class DicomReader {

    /** Transfer syntaxes whose pixel data PixelMed decodes on these machines. */
    private static final Map<String, String> SUPPORTED = Map.of(
            "1.2.840.10008.1.2", "Implicit VR Little Endian",
            "1.2.840.10008.1.2.1", "Explicit VR Little Endian",
            "1.2.840.10008.1.2.2", "Explicit VR Big Endian",
            "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian",
            "1.2.840.10008.1.2.5", "RLE Lossless",
            "1.2.840.10008.1.2.4.50", "JPEG Baseline");

    private static final Map<String, String> UNSUPPORTED = Map.of(
            "1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless",
            "1.2.840.10008.1.2.4.91", "JPEG 2000",
            "1.2.840.10008.1.2.4.80", "JPEG-LS Lossless",
            "1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless",
            "1.2.840.10008.1.2.4.51", "JPEG Extended (12-bit)",
            "1.2.840.10008.1.2.4.57", "JPEG Lossless",
            "1.2.840.10008.1.2.4.70", "JPEG Lossless SV1");

    private DicomReader() {
    }

    /**
     * Reads only the attributes before the pixel data: enough to tell whether a file is DICOM, whose it
     * is and whether its transfer syntax can be decoded, without holding pixels in memory.
     *
     * @return the PatientID (possibly empty)
     */
    public static String readPatientId(Path file, String source) throws DicomProblem {
        checkNotEmpty(file, source);
        checkLooksLikeDicom(file, source);
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String syntax = in.getTransferSyntaxInUse() == null ? "" : in.getTransferSyntaxInUse().getUID();
            if (UNSUPPORTED.containsKey(syntax)) {
                throw new DicomProblem(source, unsupported(syntax));
            }
            list.read(in, TagFromName.PixelData);
        } catch (DicomProblem e) {
            throw e;
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomProblem(source, "is not a readable DICOM file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (str(list, "SOPInstanceUID").isEmpty()) {
            throw new DicomProblem(source, "has no SOP Instance UID: not a DICOM composite object");
        }
        return str(list, "PatientID");
    }

    private static void checkNotEmpty(Path file, String source) throws DicomProblem {
        try {
            if (Files.size(file) == 0) {
                throw new DicomProblem(source, "is empty");
            }
        } catch (IOException e) {
            throw new DicomProblem(source, "cannot be read: " + e.getMessage(), e);
        }
    }

    public static DicomInstance read(Path file, String source) throws DicomProblem {
        checkNotEmpty(file, source);
        checkLooksLikeDicom(file, source);
        AttributeList list = new AttributeList();
        String transferSyntax;
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            transferSyntax = in.getTransferSyntaxInUse() == null ? "" : in.getTransferSyntaxInUse().getUID();
            if (UNSUPPORTED.containsKey(transferSyntax)) {
                throw new DicomProblem(source, unsupported(transferSyntax));
            }
            list.read(in);
        } catch (DicomProblem e) {
            throw e;
        } catch (IOException | DicomException | RuntimeException e) {
            throw new DicomProblem(source, "is not a readable DICOM file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        String metaSyntax = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID);
        if (!metaSyntax.isEmpty()) {
            transferSyntax = metaSyntax;
        }
        return describe(list, source, transferSyntax);
    }

    static DicomInstance describe(AttributeList list, String source, String transferSyntax) throws DicomProblem {
        String sop = str(list, "SOPInstanceUID");
        String sopClass = str(list, "SOPClassUID");
        if (sop.isEmpty() || sopClass.isEmpty()) {
            throw new DicomProblem(source, "has no SOP Instance UID or SOP Class UID: not a DICOM composite object");
        }
        String modality = str(list, "Modality");
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        if (rows > 0 && columns > 0) {
            try {
                checkPixelData(list, source, transferSyntax, rows, columns);
            } catch (DicomProblem e) {
                throw e.withPatientId(str(list, "PatientID"));
            }
        }
        return new DicomInstance(source, sop, sopClass, modality, str(list, "StudyInstanceUID"), str(list, "SeriesInstanceUID"),
                str(list, "FrameOfReferenceUID"), str(list, "PatientID"), str(list, "PatientName"),
                Attribute.getSingleIntegerValueOrDefault(list, TagFromName.InstanceNumber, 0),
                doubles(list, "ImagePositionPatient", 3), doubles(list, "ImageOrientationPatient", 6),
                doubles(list, "PixelSpacing", 2), rows, columns, transferSyntax, list);
    }

    private static void checkPixelData(AttributeList list, String source, String syntax, int rows, int columns) throws DicomProblem {
        if (UNSUPPORTED.containsKey(syntax)) {
            throw new DicomProblem(source, unsupported(syntax));
        }
        if (!syntax.isEmpty() && !SUPPORTED.containsKey(syntax)) {
            throw new DicomProblem(source, "uses the unsupported transfer syntax " + syntax);
        }
        Attribute pixels = list.getPixelData();
        if (pixels == null) {
            throw new DicomProblem(source, "has no pixel data: the file is truncated or incomplete");
        }
        boolean encapsulated = syntax.equals("1.2.840.10008.1.2.5") || syntax.equals("1.2.840.10008.1.2.4.50");
        if (encapsulated) {
            return;
        }
        int bits = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16);
        int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
        int frames = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1);
        long expected = (long) rows * columns * samples * Math.max(1, frames) * Math.max(1, bits / 8);
        long actual = pixels.getVL();
        try {
            if (pixels instanceof OtherWordAttribute w && w.getShortValues() != null) {
                actual = 2L * w.getShortValues().length;
            } else if (pixels instanceof OtherByteAttribute b && b.getByteValues() != null) {
                actual = b.getByteValues().length;
            }
        } catch (DicomException e) {
            throw new DicomProblem(source, "has unreadable pixel data: " + e.getMessage(), e);
        }
        if (actual < expected) {
            throw new DicomProblem(source, "has " + actual + " bytes of pixel data where " + rows + "x" + columns + "x" + frames
                    + " pixels of " + bits + " bits need " + expected + ": the file is truncated");
        }
    }

    private static String unsupported(String syntax) {
        return "uses the transfer syntax " + UNSUPPORTED.get(syntax) + " (" + syntax
                + "), for which no decoder is installed; convert it to an uncompressed syntax first (e.g. DCMTK's dcmdjpls or gdcmconv --raw)";
    }

    /** A DICOM Part 10 file has "DICM" at offset 128; a raw dataset starts with a group 0002 or 0008 tag. */
    private static void checkLooksLikeDicom(Path file, String source) throws DicomProblem {
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new DicomProblem(source, "cannot be read: " + e.getMessage(), e);
        }
        boolean part10 = n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        boolean rawDataset = n >= 4 && ((head[0] == 0x08 && head[1] == 0x00) || (head[0] == 0x02 && head[1] == 0x00));
        if (!part10 && !rawDataset) {
            throw new DicomProblem(source, "is not a DICOM file (no DICM prefix at byte 128 and no DICOM tag at the start)");
        }
    }

    public static String str(AttributeList list, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, Tags.of(keyword)).strip();
    }

    static double[] doubles(AttributeList list, String keyword, int count) {
        try {
            double[] v = Attribute.getDoubleValues(list, Tags.of(keyword));
            return v != null && v.length == count ? v : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

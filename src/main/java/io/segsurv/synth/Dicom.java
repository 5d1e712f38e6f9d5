/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;

/** Small helpers over PixelMed: attributes by keyword (its TagFromName lacks RT and PET tags), values, files. */
final class Dicom {

    static final String AE_TITLE = "SEGSURV";
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final ConcurrentHashMap<String, AttributeTag> TAGS = new ConcurrentHashMap<>();

    private Dicom() {
    }

    static AttributeTag tag(String keyword) {
        return TAGS.computeIfAbsent(keyword, k -> {
            AttributeTag t = DicomDictionary.StandardDictionary.getTagFromName(k);
            if (t == null) {
                throw new IllegalStateException("PixelMed's dictionary has no attribute named " + k);
            }
            return t;
        });
    }

    /** Puts an attribute with the given values (none: an empty, type 2 attribute). */
    static Attribute put(AttributeList list, String keyword, String... values) {
        try {
            Attribute a = list.putNewAttribute(tag(keyword));
            for (String v : values) {
                a.addValue(v);
            }
            return a;
        } catch (DicomException e) {
            throw new IllegalStateException("cannot set " + keyword + ": " + e.getMessage(), e);
        }
    }

    static SequenceAttribute sequence(AttributeList list, String keyword) {
        SequenceAttribute s = new SequenceAttribute(tag(keyword));
        list.put(s);
        return s;
    }

    /** Appends a new item to a sequence and returns its attribute list. */
    static AttributeList item(SequenceAttribute sequence) {
        AttributeList item = new AttributeList();
        sequence.addItem(item);
        return item;
    }

    /** A sequence holding one SNOMED CT code item; returns that item. */
    static AttributeList code(AttributeList list, String keyword, String value, String meaning) {
        try {
            SequenceAttribute s = sequence(list, keyword);
            AttributeList item = new CodedSequenceItem(value, "SCT", meaning).getAttributeList();
            s.addItem(item);
            return item;
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    static String da(LocalDate d) {
        return d.format(DA);
    }

    static String tm(LocalTime t) {
        return t.format(TM);
    }

    /** Decimal string (DS) with at most 4 decimals and no exponent. */
    static String ds(double v) {
        String s = BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        if (s.equals("-0")) {
            return "0";
        }
        if (s.length() > 16) {
            throw new IllegalArgumentException("value too long for DS: " + s);
        }
        return s;
    }

    /** Decimal string with 8 significant digits (for rescale slopes). */
    static String dsSignificant(double v) {
        String s = new BigDecimal(v, new MathContext(8, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
        if (s.length() > 16) {
            throw new IllegalArgumentException("value too long for DS: " + s);
        }
        return s;
    }

    static String is(long v) {
        return Long.toString(v);
    }

    /** Writes a part-10 file in explicit VR little endian. */
    static long write(AttributeList list, Path file) {
        try {
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, AE_TITLE);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                list.write(out, TransferSyntax.ExplicitVRLittleEndian, true, true);
            }
            return Files.size(file);
        } catch (DicomException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

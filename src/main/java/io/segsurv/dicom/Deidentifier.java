/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * De-identification on the way in, after DICOM PS3.15 Annex E, Basic Application Level
 * Confidentiality Profile (PixelMed's {@code ClinicalTrialsAttributes} removes or empties the
 * identifying attributes), with these options:
 * <ul>
 *   <li>Retain Patient Characteristics (weight, size, sex, age: SUVbw needs the weight);</li>
 *   <li>Retain Longitudinal Temporal Information with Modified Dates (default: every date shifted
 *       by the same per-patient number of days, so intervals stay exact) or with Full Dates;</li>
 *   <li>Clean Descriptors is NOT claimed: series and study descriptions are kept, as they name
 *       the reconstruction;</li>
 *   <li>UIDs are replaced by {@code 2.25.<HMAC-SHA-256 of project and original UID>} under an
 *       installation secret: consistent across imports into one project (so the same file imports
 *       once and an RTSTRUCT imported later still references its CT), different between projects,
 *       and not reversible without the secret.</li>
 * </ul>
 * Patient ID and name become the pseudonym; private attributes not known to be safe are removed.
 */
public final class Deidentifier {

    public enum Dates { SHIFT, KEEP }

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private final byte[] uidKey;
    private final Dates dates;

    private final String scope;

    /**
     * @param uidKey the installation secret
     * @param scope  what UIDs are unique within (the project): the same file imported into two
     *               projects gets different UIDs, and the same project always the same
     */
    public Deidentifier(byte[] uidKey, String scope, Dates dates) {
        if (uidKey == null || uidKey.length < 16) {
            throw new IllegalArgumentException("The UID key must have at least 16 bytes");
        }
        this.uidKey = uidKey.clone();
        this.scope = scope;
        this.dates = dates;
    }

    /** De-identifies in place and returns the file bytes to store. */
    public byte[] apply(DicomInstance instance, String pseudonym, int dateShiftDays) throws DicomProblem {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try {
            apply(instance, pseudonym, dateShiftDays, out);
        } catch (IOException e) {
            throw new DicomProblem(instance.source(), "could not be de-identified: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** De-identifies in place and writes the Part 10 file to {@code out}. */
    public void apply(DicomInstance instance, String pseudonym, int dateShiftDays, java.io.OutputStream out) throws DicomProblem, IOException {
        AttributeList list = instance.attributes();
        try {
            ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list, ClinicalTrialsAttributes.HandleUIDs.keep,
                    true, true, true, true, false, false, ClinicalTrialsAttributes.HandleDates.keep, null, null);
            list.removeUnsafePrivateAttributes();
            put(list, "PatientID", pseudonym);
            put(list, "PatientName", pseudonym);
            put(list, "PatientIdentityRemoved", "YES");
            put(list, "DeidentificationMethod", "PS3.15 E Basic Profile; Retain Patient Characteristics; "
                    + (dates == Dates.SHIFT ? "Retain Longitudinal With Modified Dates" : "Retain Longitudinal With Full Dates")
                    + "; UIDs hashed (2.25); SegSurv");
            put(list, "LongitudinalTemporalInformationModified", dates == Dates.SHIFT && dateShiftDays != 0 ? "MODIFIED" : "UNMODIFIED");
            if (instance.isRtStruct() && list.get(Tags.of("OperatorsName")) == null) {
                list.putNewAttribute(Tags.of("OperatorsName"));
            }
            rewrite(list, dates == Dates.SHIFT ? dateShiftDays : 0);
            list.removeMetaInformationHeaderAttributes();
            boolean encapsulated = instance.transferSyntaxUid().equals(TransferSyntax.RLE)
                    || instance.transferSyntaxUid().equals(TransferSyntax.JPEGBaseline);
            String syntax = encapsulated ? instance.transferSyntaxUid() : TransferSyntax.ExplicitVRLittleEndian;
            FileMetaInformation.addFileMetaInformation(list, syntax, "SEGSURV");
            list.write(out, syntax, true, true);
        } catch (IOException e) {
            throw e;
        } catch (DicomException | RuntimeException e) {
            throw new DicomProblem(instance.source(), "could not be de-identified: " + e.getMessage(), e);
        }
    }

    /** The replacement for one UID; standard UIDs (SOP classes, transfer syntaxes, codes) stay. */
    public String uid(String original) {
        if (original.isEmpty() || original.startsWith("1.2.840.10008.")) {
            return original;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(uidKey, "HmacSHA256"));
            byte[] h = mac.doFinal((scope + "|" + original).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] first = new byte[16];
            System.arraycopy(h, 0, first, 0, 16);
            return "2.25." + new BigInteger(1, first);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Remaps UIDs and shifts dates everywhere, sequences included. */
    private void rewrite(AttributeList list, int shiftDays) throws DicomException {
        List<Attribute> attributes = new ArrayList<>(list.values());
        for (Attribute a : attributes) {
            byte[] vr = a.getVR();
            if (a instanceof SequenceAttribute seq) {
                for (int i = 0; i < seq.getNumberOfItems(); i++) {
                    rewrite(seq.getItem(i).getAttributeList(), shiftDays);
                }
            } else if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
                String[] values = a.getStringValues();
                if (values != null && values.length > 0) {
                    a.removeValues();
                    for (String v : values) {
                        a.addValue(uid(v.strip()));
                    }
                }
            } else if (shiftDays != 0 && ValueRepresentation.isDateVR(vr)) {
                shift(a, shiftDays, false);
            } else if (shiftDays != 0 && ValueRepresentation.isDateTimeVR(vr)) {
                shift(a, shiftDays, true);
            }
        }
    }

    private static void shift(Attribute a, int days, boolean dateTime) throws DicomException {
        String[] values = a.getStringValues();
        if (values == null || values.length == 0) {
            return;
        }
        a.removeValues();
        for (String v : values) {
            String s = v.strip();
            if (s.length() < 8) {
                a.addValue(s);
                continue;
            }
            try {
                LocalDate d = LocalDate.parse(s.substring(0, 8), DA).plusDays(days);
                a.addValue(d.format(DA) + (dateTime ? s.substring(8) : ""));
            } catch (java.time.format.DateTimeParseException e) {
                a.addValue(""); // an unparseable date is dropped rather than kept unshifted
            }
        }
    }

    private static void put(AttributeList list, String keyword, String value) throws DicomException {
        AttributeTag tag = Tags.of(keyword);
        Attribute a = list.get(tag);
        if (a == null) {
            a = list.putNewAttribute(tag);
        }
        a.removeValues();
        a.addValue(value);
    }

}

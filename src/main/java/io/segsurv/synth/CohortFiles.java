/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** clinical.csv (NSCLC-Radiomics layout), truth.csv and truth/&lt;PatientID&gt;.json. */
final class CohortFiles {

    static final String CLINICAL_HEADER =
            "PatientID,age,gender,Overall.Stage,Histology,Survival.time,deadstatus.event,cause.of.death";

    static final String TRUTH_HEADER = String.join(",", "PatientID", "linear_predictor", "structural_score",
            "weak_score", "volume_cm3", "uptake_suv", "nominal_suv_mean", "nominal_tlg", "spiculation", "spicules",
            "irregularity", "radius_cv", "necrosis", "necrosis_fraction", "vessel_contact", "satellite", "surroundings",
            "side",
            "patient_position", "centre_x_mm", "centre_y_mm", "centre_z_mm", "com_x_mm", "com_y_mm", "com_z_mm",
            "satellite_x_mm",
            "satellite_y_mm", "satellite_z_mm", "satellite_radius_mm", "disease_death_days", "other_death_days",
            "censor_days", "survival_days", "dead", "disease_death", "os_2y", "os_5y", "ct_volume_cm3", "suv_max",
            "suv_mean", "mtv_cm3", "tlg", "suv_at_centre", "ct_slices", "pet_slices",
            "ct_pixel_mm", "ct_slice_mm", "pet_pixel_mm", "pet_slice_mm");

    private CohortFiles() {
    }

    static String clinicalRow(PatientTruth t) {
        return String.join(",", t.patientId(), f(t.ageYears(), 4), t.gender(), t.stage(), csv(t.histology()),
                Integer.toString(t.survivalDays()), t.dead() ? "1" : "0", t.causeOfDeath());
    }

    static void writeClinical(Path file, List<PatientTruth> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CLINICAL_HEADER);
            w.write('\n');
            for (PatientTruth t : rows) {
                w.write(clinicalRow(t));
                w.write('\n');
            }
        }
    }

    static void writeTruth(Path file, List<PatientTruth> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(TRUTH_HEADER);
            w.write('\n');
            for (PatientTruth t : rows) {
                PatientTruth.Measured m = t.measured();
                double[] s = t.satelliteCentre();
                Integer os2 = t.aliveAt(2);
                Integer os5 = t.aliveAt(5);
                w.write(String.join(",", t.patientId(), f(t.linearPredictor(), 4), f(t.structuralScore(), 4),
                        f(t.weakScore(), 4), f(t.volumeCm3(), 3), f(t.uptakeSuv(), 3), f(t.nominalSuvMean(), 3),
                        f(t.nominalTlg(), 2), f(t.spiculation(), 4), Integer.toString(t.spicules()),
                        f(t.irregularity(), 4), f(t.radiusCv(), 4), b(t.necrosis()), f(t.necrosisFraction(), 3),
                        b(t.vesselContact()), b(t.satellite()), f(t.surroundings(), 4), t.side(), t.patientPosition(),
                        f(t.centre()[0], 2),
                        f(t.centre()[1], 2),
                        f(t.centre()[2], 2), f(t.centreOfMass()[0], 2), f(t.centreOfMass()[1], 2),
                        f(t.centreOfMass()[2], 2), s == null ? "" : f(s[0], 2), s == null ? "" : f(s[1], 2),
                        s == null ? "" : f(s[2], 2), f(t.satelliteRadiusMm(), 2), f(t.diseaseDeathDays(), 1),
                        f(t.otherDeathDays(), 1), f(t.censorDays(), 1), Integer.toString(t.survivalDays()),
                        t.dead() ? "1" : "0", t.diseaseDeath() ? "1" : "0", os2 == null ? "NA" : os2.toString(),
                        os5 == null ? "NA" : os5.toString(), m == null ? "" : f(m.ctVolumeCm3(), 3),
                        m == null ? "" : f(m.suvMax(), 3), m == null ? "" : f(m.suvMean(), 3),
                        m == null ? "" : f(m.mtvCm3(), 3), m == null ? "" : f(m.tlg(), 2),
                        m == null ? "" : f(m.suvAtCentre(), 4),
                        m == null ? "" : Integer.toString(m.ctSlices()),
                        m == null ? "" : Integer.toString(m.petSlices()),
                        m == null ? "" : f(m.ctPixelMm(), 6), m == null ? "" : f(m.ctSliceMm(), 2),
                        m == null ? "" : f(m.petPixelMm(), 6), m == null ? "" : f(m.petSliceMm(), 2)));
                w.write('\n');
            }
        }
    }

    /** truth/&lt;id&gt;.json: the same truth, with the satellite and the PET voxel at the centre spelled out. */
    static void writeJson(Path file, PatientTruth t) throws IOException {
        PatientTruth.Measured m = t.measured();
        StringBuilder j = new StringBuilder(2048);
        j.append("{\n");
        field(j, "patientId", q(t.patientId()));
        field(j, "patientPosition", q(t.patientPosition()));
        field(j, "linearPredictor", f(t.linearPredictor(), 6));
        field(j, "structuralScore", f(t.structuralScore(), 6));
        field(j, "weakScore", f(t.weakScore(), 6));
        j.append("  \"tumour\": {\n");
        field(j, "    ", "side", q(t.side()));
        field(j, "    ", "centreMm", vec(t.centre()));
        field(j, "    ", "centreOfMassMm", vec(t.centreOfMass()));
        field(j, "    ", "volumeCm3", f(t.volumeCm3(), 4));
        field(j, "    ", "uptakeSuv", f(t.uptakeSuv(), 4));
        field(j, "    ", "spiculation", f(t.spiculation(), 4));
        field(j, "    ", "spicules", Integer.toString(t.spicules()));
        field(j, "    ", "irregularity", f(t.irregularity(), 4));
        field(j, "    ", "radiusCv", f(t.radiusCv(), 4));
        field(j, "    ", "necrosis", Boolean.toString(t.necrosis()));
        field(j, "    ", "necrosisFraction", f(t.necrosisFraction(), 4));
        field(j, "    ", "vesselContact", Boolean.toString(t.vesselContact()));
        field(j, "    ", "surroundings", f(t.surroundings(), 4));
        j.append("    \"satellite\": ");
        if (t.satellite()) {
            j.append("{\"centreMm\": ").append(vec(t.satelliteCentre())).append(", \"radiusMm\": ")
                    .append(f(t.satelliteRadiusMm(), 3)).append("}\n");
        } else {
            j.append("null\n");
        }
        j.append("  },\n");
        j.append("  \"outcome\": {\n");
        field(j, "    ", "survivalDays", Integer.toString(t.survivalDays()));
        field(j, "    ", "dead", Boolean.toString(t.dead()));
        field(j, "    ", "causeOfDeath", q(t.causeOfDeath()));
        field(j, "    ", "diseaseDeath", Boolean.toString(t.diseaseDeath()));
        field(j, "    ", "diseaseDeathDays", f(t.diseaseDeathDays(), 2));
        field(j, "    ", "otherDeathDays", f(t.otherDeathDays(), 2));
        j.append("    \"censorDays\": ").append(f(t.censorDays(), 2)).append('\n');
        j.append("  },\n");
        j.append("  \"measured\": ");
        if (m == null) {
            j.append("null\n");
        } else {
            j.append("{\n");
            field(j, "    ", "ctSlices", Integer.toString(m.ctSlices()));
            field(j, "    ", "ctVolumeCm3", f(m.ctVolumeCm3(), 4));
            if (m.petCentreVoxel() != null) {
                field(j, "    ", "petSlices", Integer.toString(m.petSlices()));
                field(j, "    ", "suvMax", f(m.suvMax(), 4));
                field(j, "    ", "suvMean", f(m.suvMean(), 4));
                field(j, "    ", "mtvCm3", f(m.mtvCm3(), 4));
                field(j, "    ", "tlg", f(m.tlg(), 3));
                field(j, "    ", "suvAtCentre", f(m.suvAtCentre(), 5));
            }
            j.append("    \"petCentreVoxel\": ");
            int[] v = m.petCentreVoxel();
            j.append(v == null ? "null" : "[" + v[0] + ", " + v[1] + ", " + v[2] + "]").append('\n');
            j.append("  }\n");
        }
        j.append("}\n");
        Files.writeString(file, j.toString(), StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder j, String name, String value) {
        field(j, "  ", name, value);
    }

    private static void field(StringBuilder j, String indent, String name, String value) {
        j.append(indent).append('"').append(name).append("\": ").append(value).append(",\n");
    }

    private static String vec(double[] v) {
        return "[" + f(v[0], 3) + ", " + f(v[1], 3) + ", " + f(v[2], 3) + "]";
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String f(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
    }

    private static String b(boolean v) {
        return v ? "1" : "0";
    }

    private static String csv(String s) {
        return s.contains(",") ? "\"" + s + "\"" : s;
    }
}

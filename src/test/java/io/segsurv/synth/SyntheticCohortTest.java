/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small-profile cohort written to disk and read back: PixelMed parses every file, dciodvfy
 * accepts the IODs, the geometry, SUV calibration and contours agree with the ground truth, and
 * the output is byte-identical for the same seed.
 */
class SyntheticCohortTest {

    /** Seed 5: 4 patients with both lungs, HFS and FFS, a satellite, necrosis, vessel contact, both causes of death. */
    static final SyntheticCohort.Options OPTIONS = new SyntheticCohort.Options(4, 5, false, "small");
    static final SyntheticCohort.Options CT_ONLY = new SyntheticCohort.Options(2, 5, true, "small");

    @TempDir
    static Path tmp;
    static Path cohort;
    static Path ctOnly;
    static SyntheticCohort.Summary summary;

    @BeforeAll
    static void generate() throws Exception {
        cohort = tmp.resolve("cohort");
        summary = SyntheticCohort.generate(OPTIONS, cohort);
        ctOnly = tmp.resolve("ct-only");
        SyntheticCohort.generate(CT_ONLY, ctOnly);
    }

    @Test
    void theSampleCoversTheCasesTheOtherTestsNeed() {
        List<PatientTruth> t = summary.patients();
        assertThat(t).extracting(PatientTruth::patientPosition).contains("HFS", "FFS");
        assertThat(t).extracting(PatientTruth::side).contains("left", "right");
        assertThat(t).anyMatch(PatientTruth::satellite).anyMatch(PatientTruth::necrosis)
                .anyMatch(PatientTruth::vesselContact);
        assertThat(t).extracting(PatientTruth::causeOfDeath).contains("disease", "other", "");
    }

    @Test
    void theLayoutIsOneFolderPerPatientWithCtPetAndStructureSets() throws IOException {
        for (PatientTruth t : summary.patients()) {
            Path p = cohort.resolve(t.patientId());
            assertThat(dicomFiles(p.resolve("CT"))).hasSize(t.measured().ctSlices());
            assertThat(dicomFiles(p.resolve("PT"))).hasSize(t.measured().petSlices());
            assertThat(p.resolve("RTSTRUCT/RS-CT.dcm")).isRegularFile();
            assertThat(p.resolve("RTSTRUCT/RS-PT.dcm")).isRegularFile();
            assertThat(cohort.resolve("truth/" + t.patientId() + ".json")).isRegularFile();
        }
        assertThat(cohort.resolve("clinical.csv")).isRegularFile();
        assertThat(cohort.resolve("truth.csv")).isRegularFile();
        try (Stream<Path> s = Files.list(ctOnly.resolve("R01-001"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("CT", "RTSTRUCT");
        }
    }

    @Test
    void everyFileParsesWithPixelMedAndHasItsPixels() throws Exception {
        List<Path> files = new ArrayList<>(dicomFiles(cohort));
        files.addAll(dicomFiles(ctOnly));
        assertThat(files).hasSizeGreaterThan(300);
        for (Path f : files) {
            AttributeList l = read(f);
            String folder = f.getParent().getFileName().toString();
            String sopClass = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
            switch (folder) {
                case "CT" -> assertThat(sopClass).isEqualTo(SOPClass.CTImageStorage);
                case "PT" -> assertThat(sopClass).isEqualTo(SOPClass.PETImageStorage);
                case "RTSTRUCT" -> assertThat(sopClass).isEqualTo(SOPClass.RTStructureSetStorage);
                default -> fail("unexpected folder " + folder);
            }
            if (!folder.equals("RTSTRUCT")) {
                int rows = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0);
                int cols = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0);
                assertThat(l.get(TagFromName.PixelData).getShortValues()).as(f.toString()).hasSize(rows * cols);
            }
        }
    }

    @Test
    void dciodvfyReportsNoErrors() throws Exception {
        Path dciodvfy = Path.of("/usr/bin/dciodvfy");
        if (!Files.isExecutable(dciodvfy)) {
            fail("dciodvfy (dicom3tools) is not installed: run ./segsurv test, which installs dicom3tools");
        }
        List<Path> sample = new ArrayList<>();
        for (PatientTruth t : summary.patients()) {
            Path p = cohort.resolve(t.patientId());
            List<Path> ct = dicomFiles(p.resolve("CT"));
            List<Path> pt = dicomFiles(p.resolve("PT"));
            sample.addAll(List.of(ct.get(0), ct.get(ct.size() / 2), ct.get(ct.size() - 1), pt.get(0),
                    pt.get(pt.size() / 2), p.resolve("RTSTRUCT/RS-CT.dcm"), p.resolve("RTSTRUCT/RS-PT.dcm")));
        }
        sample.add(dicomFiles(ctOnly.resolve("R01-001/CT")).get(0));
        sample.add(ctOnly.resolve("R01-001/RTSTRUCT/RS-CT.dcm"));
        for (Path f : sample) {
            Process p = new ProcessBuilder(dciodvfy.toString(), f.toString()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out.lines().filter(line -> line.contains("Error")).toList())
                    .as("dciodvfy %s:%n%s", f, out).isEmpty();
        }
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws Exception {
        Path again = tmp.resolve("again");
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            // parallel streams started inside a pool run in that pool: one thread here
            single.submit(() -> SyntheticCohort.generate(OPTIONS, again)).get();
        } finally {
            single.shutdown();
        }
        Map<String, String> first = hashes(cohort);
        assertThat(first).hasSizeGreaterThan(300);
        assertThat(hashes(again)).isEqualTo(first);
    }

    @Test
    void aDifferentSeedGivesADifferentCohort() throws Exception {
        Path other = tmp.resolve("other");
        SyntheticCohort.generate(new SyntheticCohort.Options(1, 6, false, "small"), other);
        Map<String, String> a = hashes(cohort);
        Map<String, String> b = hashes(other);
        for (String f : List.of("clinical.csv", "truth.csv", "LUNG1-001/CT/CT-0001.dcm",
                "LUNG1-001/RTSTRUCT/RS-CT.dcm")) {
            assertThat(b.get(f)).as(f).isNotNull().isNotEqualTo(a.get(f));
        }
        AttributeList ct5 = read(cohort.resolve("LUNG1-001/CT/CT-0001.dcm"));
        AttributeList ct6 = read(other.resolve("LUNG1-001/CT/CT-0001.dcm"));
        assertThat(string(ct6, "StudyInstanceUID")).isNotEqualTo(string(ct5, "StudyInstanceUID"));
        assertThat(string(ct5, "StudyInstanceUID")).startsWith(Uids.ROOT + ".").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void ctPetAndStructureSetsShareTheStudyAndFrameOfReference() throws Exception {
        for (PatientTruth t : summary.patients()) {
            Path p = cohort.resolve(t.patientId());
            AttributeList ct = read(dicomFiles(p.resolve("CT")).get(0));
            AttributeList pt = read(dicomFiles(p.resolve("PT")).get(0));
            String frame = string(ct, "FrameOfReferenceUID");
            assertThat(frame).isNotEmpty().isEqualTo(string(pt, "FrameOfReferenceUID"));
            assertThat(string(pt, "StudyInstanceUID")).isEqualTo(string(ct, "StudyInstanceUID"));
            assertThat(string(ct, "PatientID")).isEqualTo(t.patientId());
            assertThat(string(ct, "PatientPosition")).isEqualTo(t.patientPosition());
            for (String rs : List.of("RS-CT.dcm", "RS-PT.dcm")) {
                AttributeList s = read(p.resolve("RTSTRUCT").resolve(rs));
                assertThat(string(s, "FrameOfReferenceUID")).isEqualTo(frame);
                AttributeList ref = item(s, "ReferencedFrameOfReferenceSequence");
                assertThat(string(ref, "FrameOfReferenceUID")).isEqualTo(frame);
                AttributeList study = item(ref, "RTReferencedStudySequence");
                assertThat(string(study, "ReferencedSOPInstanceUID")).isEqualTo(string(ct, "StudyInstanceUID"));
                AttributeList series = item(study, "RTReferencedSeriesSequence");
                AttributeList images = rs.equals("RS-CT.dcm") ? ct : pt;
                assertThat(string(series, "SeriesInstanceUID")).isEqualTo(string(images, "SeriesInstanceUID"));
                SequenceAttribute contourImages = (SequenceAttribute) series.get(Dicom.tag("ContourImageSequence"));
                assertThat(contourImages.getNumberOfItems())
                        .isEqualTo(rs.equals("RS-CT.dcm") ? t.measured().ctSlices() : t.measured().petSlices());
            }
        }
    }

    @Test
    void slicesAreOrderedConsistentlyWithThePatientPosition() throws Exception {
        for (PatientTruth t : summary.patients()) {
            for (String modality : List.of("CT", "PT")) {
                List<Path> files = dicomFiles(cohort.resolve(t.patientId()).resolve(modality));
                double z0 = ipp(read(files.get(0)))[2];
                double z1 = ipp(read(files.get(1)))[2];
                double[] iop = Attribute.getDoubleValues(read(files.get(0)), TagFromName.ImageOrientationPatient);
                if (t.patientPosition().equals("HFS")) {
                    assertThat(z1).isLessThan(z0);
                    assertThat(iop).containsExactly(1, 0, 0, 0, 1, 0);
                } else {
                    assertThat(z1).isGreaterThan(z0);
                    assertThat(iop).containsExactly(-1, 0, 0, 0, 1, 0);
                }
            }
        }
    }

    @Test
    void suvComputedFromThePetTagsAtTheTumourCentreMatchesTheTruth() throws Exception {
        for (PatientTruth t : summary.patients()) {
            JsonNode truth = json(t.patientId());
            double[] c = t.centre();
            List<Path> files = dicomFiles(cohort.resolve(t.patientId()).resolve("PT"));
            // the slice nearest to the centre, and the voxel nearest to it, from the DICOM geometry alone
            AttributeList slice = null;
            int sliceIndex = -1;
            double best = Double.MAX_VALUE;
            for (int k = 0; k < files.size(); k++) {
                AttributeList l = read(files.get(k));
                double d = Math.abs(ipp(l)[2] - c[2]);
                if (d < best) {
                    best = d;
                    slice = l;
                    sliceIndex = k;
                }
            }
            double[] pos = ipp(slice);
            double[] iop = Attribute.getDoubleValues(slice, TagFromName.ImageOrientationPatient);
            double spacing = Attribute.getDoubleValues(slice, TagFromName.PixelSpacing)[0];
            int column = (int) Math.round((c[0] - pos[0]) / (iop[0] * spacing));
            int row = (int) Math.round((c[1] - pos[1]) / spacing);
            JsonNode voxel = truth.get("measured").get("petCentreVoxel");
            assertThat(new int[] {column, row, sliceIndex})
                    .containsExactly(voxel.get(0).asInt(), voxel.get(1).asInt(), voxel.get(2).asInt());
            int columns = Attribute.getSingleIntegerValueOrDefault(slice, TagFromName.Columns, 0);
            int stored = slice.get(TagFromName.PixelData).getShortValues()[row * columns + column] & 0xffff;
            double bqml = stored * Attribute.getSingleDoubleValueOrDefault(slice, TagFromName.RescaleSlope, 1)
                    + Attribute.getSingleDoubleValueOrDefault(slice, TagFromName.RescaleIntercept, 0);
            assertThat(string(slice, "Units")).isEqualTo("BQML");
            assertThat(string(slice, "DecayCorrection")).isEqualTo("START");
            assertThat(Attribute.getDelimitedStringValuesOrEmptyString(slice, Dicom.tag("CorrectedImage")))
                    .contains("DECY", "ATTN");
            AttributeList radio = item(slice, "RadiopharmaceuticalInformationSequence");
            double dose = Double.parseDouble(string(radio, "RadionuclideTotalDose"));
            double halfLife = Double.parseDouble(string(radio, "RadionuclideHalfLife"));
            double weightG = Double.parseDouble(string(slice, "PatientWeight")) * 1000;
            double dt = seconds(string(slice, "SeriesTime")) - seconds(string(radio, "RadiopharmaceuticalStartTime"));
            assertThat(dt).isBetween(50 * 60.0, 80 * 60.0);
            assertThat(string(slice, "AcquisitionTime")).isEqualTo(string(slice, "SeriesTime"));
            double suv = bqml * weightG / (dose * Math.pow(2, -dt / halfLife));
            double expected = truth.get("measured").get("suvAtCentre").asDouble();
            assertThat(suv).as(t.patientId()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(5));
            assertThat(t.measured().suvMax()).isBetween(1.0, 30.0);
        }
    }

    @Test
    void theGtvContoursEncloseTheTumourCentreOnTheirPlanes() throws Exception {
        for (PatientTruth t : summary.patients()) {
            Path p = cohort.resolve(t.patientId());
            assertEnclosesCentre(read(p.resolve("RTSTRUCT/RS-CT.dcm")), "GTV-1", dicomFiles(p.resolve("CT")), t);
            assertEnclosesCentre(read(p.resolve("RTSTRUCT/RS-PT.dcm")), "GTV_PET", dicomFiles(p.resolve("PT")), t);
            AttributeList rs = read(p.resolve("RTSTRUCT/RS-CT.dcm"));
            assertThat(roiNames(rs)).containsExactly("GTV-1", "Lung-Left", "Lung-Right", "Heart", "Esophagus",
                    "Spinal-Cord");
            if (t.satellite()) {
                // the satellite nodule lies outside GTV-1
                double[] s = t.satelliteCentre();
                List<Path> ct = dicomFiles(p.resolve("CT"));
                int k = nearest(ct, s[2]);
                List<double[]> loops = contoursOn(rs, "GTV-1", string(read(ct.get(k)), "SOPInstanceUID"));
                assertThat(ContourTracer.contains(loops, s[0], s[1])).isFalse();
            }
        }
        AttributeList external = read(ctOnly.resolve("R01-001/RTSTRUCT/RS-CT.dcm"));
        assertThat(roiNames(external)).containsExactly("GTV-1");
    }

    @Test
    void theClinicalTableHasTheTciaLayoutAndConsistentColumns() throws Exception {
        for (Path dir : List.of(cohort, ctOnly)) {
            List<String> lines = Files.readAllLines(dir.resolve("clinical.csv"));
            assertThat(lines.get(0)).isEqualTo(
                    "PatientID,age,gender,Overall.Stage,Histology,Survival.time,deadstatus.event,cause.of.death");
            boolean external = dir == ctOnly;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                assertThat(f).hasSize(8);
                assertThat(f[0]).matches(external ? "R01-\\d{3}" : "LUNG1-\\d{3}");
                assertThat(Double.parseDouble(f[1])).isBetween(40.0, 92.0);
                assertThat(f[2]).isIn("male", "female");
                assertThat(f[3]).isIn("I", "II", "IIIa", "IIIb", "NA");
                assertThat(Integer.parseInt(f[5])).isPositive();
                assertThat(f[6]).isIn("0", "1");
                if (external || f[6].equals("0")) {
                    assertThat(f[7]).isEmpty();
                } else {
                    assertThat(f[7]).isIn("disease", "other");
                }
            }
        }
        // the table written with the images is the one sampled without them
        List<String> written = Files.readAllLines(cohort.resolve("clinical.csv"));
        List<PatientTruth> sampled = SyntheticCohort.sampleClinical(OPTIONS);
        assertThat(written.subList(1, written.size())).containsExactlyElementsOf(
                sampled.stream().map(CohortFiles::clinicalRow).toList());
        assertThat(Files.readAllLines(cohort.resolve("truth.csv")).get(0)).startsWith("PatientID,linear_predictor");
    }

    // ------------------------------------------------------------------------------- helpers

    private void assertEnclosesCentre(AttributeList rs, String roi, List<Path> images, PatientTruth t)
            throws Exception {
        double[] c = t.centre();
        AttributeList plane = read(images.get(nearest(images, c[2])));
        List<double[]> loops = contoursOn(rs, roi, string(plane, "SOPInstanceUID"));
        assertThat(loops).as("%s %s contours on the centre's plane", t.patientId(), roi).isNotEmpty();
        for (double[] loop : loops) {
            assertThat(loop[2]).isEqualTo(ipp(plane)[2]);
        }
        List<double[]> xy = loops.stream().map(SyntheticCohortTest::xy).toList();
        assertThat(ContourTracer.contains(xy, c[0], c[1])).as("%s %s encloses the centre", t.patientId(), roi).isTrue();
    }

    /** ContourData (x, y, z triples) of the ROI's contours that reference the given image. */
    private static List<double[]> contoursOn(AttributeList rs, String roi, String imageUid) throws Exception {
        int number = -1;
        for (SequenceItem i : items(rs, "StructureSetROISequence")) {
            if (string(i.getAttributeList(), "ROIName").equals(roi)) {
                number = Integer.parseInt(string(i.getAttributeList(), "ROINumber"));
            }
        }
        assertThat(number).as("ROI %s", roi).isPositive();
        List<double[]> out = new ArrayList<>();
        for (SequenceItem i : items(rs, "ROIContourSequence")) {
            AttributeList rc = i.getAttributeList();
            if (Integer.parseInt(string(rc, "ReferencedROINumber")) != number) {
                continue;
            }
            for (SequenceItem c : items(rc, "ContourSequence")) {
                AttributeList contour = c.getAttributeList();
                if (string(item(contour, "ContourImageSequence"), "ReferencedSOPInstanceUID").equals(imageUid)) {
                    assertThat(string(contour, "ContourGeometricType")).isEqualTo("CLOSED_PLANAR");
                    double[] data = Attribute.getDoubleValues(contour, Dicom.tag("ContourData"));
                    assertThat(data.length / 3)
                            .isEqualTo(Integer.parseInt(string(contour, "NumberOfContourPoints")));
                    out.add(data);
                }
            }
        }
        return out;
    }

    private static List<String> roiNames(AttributeList rs) {
        List<String> names = new ArrayList<>();
        for (SequenceItem i : items(rs, "StructureSetROISequence")) {
            names.add(string(i.getAttributeList(), "ROIName"));
        }
        return names;
    }

    private static double[] xy(double[] xyz) {
        double[] out = new double[xyz.length / 3 * 2];
        for (int a = 0, b = 0; a < xyz.length; a += 3) {
            out[b++] = xyz[a];
            out[b++] = xyz[a + 1];
        }
        return out;
    }

    private static int nearest(List<Path> images, double z) throws Exception {
        int best = 0;
        double d = Double.MAX_VALUE;
        for (int k = 0; k < images.size(); k++) {
            double dz = Math.abs(ipp(read(images.get(k)))[2] - z);
            if (dz < d) {
                d = dz;
                best = k;
            }
        }
        return best;
    }

    static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    static AttributeList read(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toFile());
        return l;
    }

    static String string(AttributeList l, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(l, Dicom.tag(keyword));
    }

    private static double[] ipp(AttributeList l) {
        return Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
    }

    private static List<SequenceItem> items(AttributeList l, String keyword) {
        SequenceAttribute s = (SequenceAttribute) l.get(Dicom.tag(keyword));
        List<SequenceItem> out = new ArrayList<>();
        if (s != null) {
            s.iterator().forEachRemaining(out::add);
        }
        return out;
    }

    private static AttributeList item(AttributeList l, String keyword) {
        List<SequenceItem> i = items(l, keyword);
        assertThat(i).as(keyword).hasSize(1);
        return i.get(0).getAttributeList();
    }

    private static double seconds(String tm) {
        return Integer.parseInt(tm.substring(0, 2)) * 3600 + Integer.parseInt(tm.substring(2, 4)) * 60
                + Double.parseDouble(tm.substring(4));
    }

    private static JsonNode json(String patientId) throws IOException {
        return JsonMapper.builder().build().readTree(cohort.resolve("truth").resolve(patientId + ".json").toFile());
    }

    /** Relative path -> SHA-256 of every file below dir. */
    static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }
}

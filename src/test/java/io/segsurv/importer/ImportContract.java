/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.CLINICAL_RECORD;
import static io.segsurv.db.generated.Tables.IMAGING_INSTANCE;
import static io.segsurv.db.generated.Tables.IMAGING_SERIES;
import static io.segsurv.db.generated.Tables.IMAGING_STUDY;
import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.PSEUDONYM_MAP;
import static io.segsurv.db.generated.Tables.ROI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import io.segsurv.audit.Actor;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.cohort.Cohort;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.dicom.Tags;
import io.segsurv.filestore.FileStore;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.synth.SyntheticCohort;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.user.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The import pipeline against the real database and file store, on a small synthetic cohort in
 * real DICOM: de-identification, idempotence, atomicity per patient and the bad-input corpus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportContract {

    @Autowired
    ImportService imports;
    @Autowired
    PseudonymMapService pseudonyms;
    @Autowired
    Fixtures fx;
    @Autowired
    DSLContext db;
    @Autowired
    SegSurvProperties properties;

    @TempDir
    Path tmp;
    Path cohortDir;

    @BeforeAll
    void generate(@TempDir Path dir) throws Exception {
        cohortDir = dir.resolve("synthetic");
        SyntheticCohort.generate(new SyntheticCohort.Options(3, 11L, false, "small"), cohortDir);
    }

    ImportReport importInto(Cohort cohort, Path dir, Path clinical) {
        return imports.importFiles(new ImportService.Request(cohort.id(), dir, clinical, ImportService.Source.CLI, Actor.SYSTEM,
                Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), null);
    }

    Cohort newCohort() {
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        return fx.cohort(pi, p);
    }

    @Test
    void importsDeidentifiesAndIsIdempotent() throws Exception {
        Cohort cohort = newCohort();
        ImportReport first = importInto(cohort, cohortDir, cohortDir.resolve("clinical.csv"));
        assertThat(first.patientsStored()).as(String.join("\n", first.lines())).isEqualTo(3);
        assertThat(first.patientsRejected()).isZero();
        assertThat(first.patients()).allSatisfy(p -> {
            assertThat(p.tumourCt()).isEqualTo("GTV-1");
            assertThat(p.patient()).startsWith("SSV-");
        });
        int dicomFiles = countDicom(cohortDir);
        assertThat(first.filesStored()).isEqualTo(dicomFiles);
        assertThat(first.clinical()).anyMatch(c -> c.contains("3 clinical record(s) stored"));
        List<Long> patients = db.select(PATIENT.ID).from(PATIENT).where(PATIENT.COHORT_ID.eq(cohort.id())).fetch(PATIENT.ID);
        assertThat(patients).hasSize(3);
        assertThat(db.fetchCount(CLINICAL_RECORD, CLINICAL_RECORD.PATIENT_ID.in(patients))).isEqualTo(3);
        assertThat(db.selectDistinct(IMAGING_SERIES.MODALITY).from(IMAGING_SERIES).join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID))
                .where(IMAGING_STUDY.PATIENT_ID.in(patients)).fetch(IMAGING_SERIES.MODALITY)).containsExactlyInAnyOrder("CT", "PT", "RTSTRUCT");
        assertThat(db.selectDistinct(ROI.ROLE).from(ROI).where(ROI.ROLE.isNotNull()).fetch(ROI.ROLE)).contains("TUMOUR_CT");

        // nothing identifying is stored: scan every stored file for the original ids, names and UIDs
        Set<String> secrets = new java.util.HashSet<>();
        for (Path f : dicomFiles(cohortDir)) {
            AttributeList list = new AttributeList();
            list.read(f.toFile());
            for (String k : List.of("PatientID", "PatientName", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "PatientBirthDate")) {
                String v = Attribute.getSingleStringValueOrEmptyString(list, Tags.of(k)).strip();
                if (v.length() >= 6) {
                    secrets.add(v);
                }
            }
        }
        assertThat(secrets).isNotEmpty();
        FileStore store = new FileStore(properties.dataDir().resolve("store"));
        List<String> hashes = db.select(IMAGING_INSTANCE.SHA256).from(IMAGING_INSTANCE).join(IMAGING_SERIES).on(IMAGING_SERIES.ID.eq(IMAGING_INSTANCE.SERIES_ID))
                .join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID)).where(IMAGING_STUDY.PATIENT_ID.in(patients))
                .fetch(IMAGING_INSTANCE.SHA256);
        assertThat(hashes).hasSize(dicomFiles);
        for (String h : hashes) {
            String content = new String(Files.readAllBytes(store.path(h)), StandardCharsets.ISO_8859_1);
            for (String s : secrets) {
                assertThat(content).as("stored file %s contains '%s'", h, s).doesNotContain(s);
            }
        }

        // the same files again: stored once
        ImportReport again = importInto(cohort, cohortDir, null);
        assertThat(again.filesStored()).isZero();
        assertThat(again.filesDuplicate()).isEqualTo(dicomFiles);
        assertThat(again.patients()).allSatisfy(p -> assertThat(p.status()).isEqualTo(ImportReport.PatientStatus.UNCHANGED));
        assertThat(db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(cohort.id()))).isEqualTo(3);

        // the map from original to pseudonym: administrators only
        assertThat(fx.as(fx.admin(), () -> pseudonyms.list(null, 0, 1000))).extracting(PseudonymMapService.Entry::pseudonym)
                .containsAll(first.patients().stream().map(ImportReport.PatientResult::patient).toList());
        assertThatThrownBy(() -> fx.as(fx.user("nosy"), () -> pseudonyms.list(null, 0, 10))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aPatientWithABadFileIsNotStoredAtAllAndTheOthersAre() throws Exception {
        Path copy = copyOf(cohortDir, tmp.resolve("bad"));
        List<Path> patientDirs = patientDirs(copy);
        // patient 1: a truncated CT slice
        Path ct = firstFile(patientDirs.get(0).resolve("CT"));
        byte[] bytes = Files.readAllBytes(ct);
        Files.write(ct, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // patient 2: PET without decay information
        for (Path pet : files(patientDirs.get(1).resolve("PT"))) {
            rewrite(pet, list -> list.remove(Tags.of("RadiopharmaceuticalInformationSequence")));
        }
        // not DICOM at all, and a JPEG 2000 file without a decoder
        Files.writeString(copy.resolve("notes.dat"), "hello");
        Path j2k = copy.resolve("j2k.dcm");
        Files.copy(firstFile(patientDirs.get(2).resolve("CT")), j2k);
        rewrite(j2k, list -> {
            list.get(TagFromName.SOPInstanceUID).setValue("1.2.826.0.1.3680043.10.1411.999.1");
            list.get(TagFromName.PatientID).setValue("OTHER-PATIENT");
        }, "1.2.840.10008.1.2.4.90");

        Cohort cohort = newCohort();
        ImportReport report = importInto(cohort, copy, null);
        String all = String.join("\n", report.lines());
        assertThat(report.patientsStored()).as(all).isEqualTo(1);
        assertThat(report.patientsRejected()).as(all).isEqualTo(2);
        String truncated = copy.relativize(ct).toString();
        assertThat(report.files()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo(truncated);
            assertThat(f.status()).isEqualTo(ImportReport.FileStatus.REJECTED);
            assertThat(f.message()).contains("truncated");
        });
        assertThat(all).contains("no decay information needed for SUVbw (missing RadiopharmaceuticalInformationSequence)");
        assertThat(report.files()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("notes.dat");
            assertThat(f.message()).contains("is not a DICOM file");
        });
        assertThat(report.files()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("j2k.dcm");
            assertThat(f.message()).contains("JPEG 2000").contains("no decoder");
        });
        // nothing of the rejected patients: only one patient, one map entry
        assertThat(db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(cohort.id()))).isEqualTo(1);
        assertThat(db.fetchCount(PSEUDONYM_MAP, PSEUDONYM_MAP.PATIENT_ID.in(
                db.select(PATIENT.ID).from(PATIENT).where(PATIENT.COHORT_ID.eq(cohort.id()))))).isEqualTo(1);
    }

    @Test
    void aStructureSetOfAnotherFrameOfReferenceIsRejected() throws Exception {
        Path copy = copyOf(cohortDir, tmp.resolve("frame"));
        Path patient = patientDirs(copy).get(0);
        for (Path f : files(patient.resolve("RTSTRUCT"))) {
            rewrite(f, list -> {
                var refs = (com.pixelmed.dicom.SequenceAttribute) list.get(Tags.of("ReferencedFrameOfReferenceSequence"));
                refs.getItem(0).getAttributeList().get(Tags.of("FrameOfReferenceUID")).setValue("1.2.826.0.1.3680043.10.1411.777");
                var rois = (com.pixelmed.dicom.SequenceAttribute) list.get(Tags.of("StructureSetROISequence"));
                for (int i = 0; i < rois.getNumberOfItems(); i++) {
                    rois.getItem(i).getAttributeList().get(Tags.of("ReferencedFrameOfReferenceUID")).setValue("1.2.826.0.1.3680043.10.1411.777");
                }
            });
        }
        Cohort cohort = newCohort();
        ImportReport report = importInto(cohort, patient, null);
        assertThat(report.patientsRejected()).isEqualTo(1);
        assertThat(String.join("\n", report.lines())).contains("references Frame of Reference 1.2.826.0.1.3680043.10.1411.777");
    }

    @Test
    void tumourContoursOutsideTheImageAndEmptyTumourRoisAreRejected() throws Exception {
        Path copy = copyOf(cohortDir, tmp.resolve("contours"));
        List<Path> patientDirs = patientDirs(copy);
        // patient 1: the GTV moved 2 m to the side; patient 2: the GTV without any contour
        rewrite(patientDirs.get(0).resolve("RTSTRUCT/RS-CT.dcm"), list -> editGtv(list, false));
        rewrite(patientDirs.get(1).resolve("RTSTRUCT/RS-CT.dcm"), list -> editGtv(list, true));
        Cohort cohort = newCohort();
        ImportReport report = importInto(cohort, copy, null);
        String all = String.join("\n", report.lines());
        assertThat(report.patientsStored()).as(all).isEqualTo(1);
        assertThat(all).contains("of the tumour ROI 'GTV-1' lies outside the CT image");
        assertThat(all).contains("the tumour ROI 'GTV-1' of structure set").contains("is empty (no contours)");
    }

    @Test
    void aFlatFolderOfRenamedImplicitVrFilesImportsLikeTheOriginal() throws Exception {
        Path patient = patientDirs(cohortDir).get(2);
        Path flat = tmp.resolve("flat");
        Files.createDirectories(flat);
        int n = 0;
        for (Path f : dicomFiles(patient)) {
            // names that say nothing about the order, and the other VR encoding
            Path target = flat.resolve(String.format("IMG%05d", (n++ * 7919) % 100000));
            AttributeList list = new AttributeList();
            list.read(f.toFile());
            list.removeMetaInformationHeaderAttributes();
            com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ImplicitVRLittleEndian, "TEST");
            list.write(target.toFile(), TransferSyntax.ImplicitVRLittleEndian, true, true);
        }
        Cohort cohort = newCohort();
        ImportReport report = importInto(cohort, flat, null);
        assertThat(report.patientsStored()).as(String.join("\n", report.lines())).isEqualTo(1);
        assertThat(report.patients().getFirst().preprocessing()).startsWith("pre-processed: tumour");
        assertThat(report.patients().getFirst().warnings()).noneMatch(w -> w.contains("missing slice") || w.contains("non-uniform"));
    }

    /** Moves the GTV-1 contours 2000 mm along x, or removes them. */
    static void editGtv(AttributeList list, boolean remove) throws Exception {
        var rois = (com.pixelmed.dicom.SequenceAttribute) list.get(Tags.of("StructureSetROISequence"));
        int gtv = -1;
        for (int i = 0; i < rois.getNumberOfItems(); i++) {
            AttributeList item = rois.getItem(i).getAttributeList();
            if ("GTV-1".equals(Attribute.getSingleStringValueOrEmptyString(item, Tags.of("ROIName")))) {
                gtv = Attribute.getSingleIntegerValueOrDefault(item, Tags.of("ROINumber"), -1);
            }
        }
        var contours = (com.pixelmed.dicom.SequenceAttribute) list.get(Tags.of("ROIContourSequence"));
        for (int i = 0; i < contours.getNumberOfItems(); i++) {
            AttributeList item = contours.getItem(i).getAttributeList();
            if (Attribute.getSingleIntegerValueOrDefault(item, Tags.of("ReferencedROINumber"), -2) != gtv) {
                continue;
            }
            if (remove) {
                item.remove(Tags.of("ContourSequence"));
                continue;
            }
            var cs = (com.pixelmed.dicom.SequenceAttribute) item.get(Tags.of("ContourSequence"));
            for (int c = 0; c < cs.getNumberOfItems(); c++) {
                Attribute data = cs.getItem(c).getAttributeList().get(Tags.of("ContourData"));
                double[] v = data.getDoubleValues();
                data.removeValues();
                for (int k = 0; k < v.length; k++) {
                    data.addValue(k % 3 == 0 ? v[k] + 2000 : v[k]);
                }
            }
        }
    }

    interface Edit {
        void apply(AttributeList list) throws Exception;
    }

    static void rewrite(Path file, Edit edit) throws Exception {
        rewrite(file, edit, null);
    }

    /** Re-writes a file after an edit; {@code claimedSyntax} puts another transfer syntax in the meta header than the data set uses. */
    static void rewrite(Path file, Edit edit, String claimedSyntax) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        edit.apply(list);
        String ts = TransferSyntax.ExplicitVRLittleEndian;
        list.removeMetaInformationHeaderAttributes();
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, claimedSyntax == null ? ts : claimedSyntax, "TEST");
        list.write(file.toFile(), ts, true, true);
    }

    static Path copyOf(Path source, Path target) throws IOException {
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.sorted().toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }

    static List<Path> patientDirs(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> Files.isDirectory(p.resolve("CT"))).sorted().toList();
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static Path firstFile(Path dir) throws IOException {
        return files(dir).getFirst();
    }

    static List<Path> dicomFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dcm")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    static int countDicom(Path root) throws IOException {
        return dicomFiles(root).size();
    }

}

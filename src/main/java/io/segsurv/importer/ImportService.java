/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.CLINICAL_RECORD;
import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.IMAGING_INSTANCE;
import static io.segsurv.db.generated.Tables.IMAGING_SERIES;
import static io.segsurv.db.generated.Tables.IMAGING_STUDY;
import static io.segsurv.db.generated.Tables.IMPORT_BATCH;
import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.PSEUDONYM_MAP;
import static io.segsurv.db.generated.Tables.ROI;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import io.segsurv.audit.Actor;
import io.segsurv.audit.AuditService;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.dicom.DicomInstance;
import io.segsurv.dicom.DicomProblem;
import io.segsurv.dicom.DicomReader;
import io.segsurv.dicom.ImageSeries;
import io.segsurv.dicom.StructureSet;
import io.segsurv.dicom.Tags;
import io.segsurv.filestore.FileStore;
import io.segsurv.importer.ImportReport.FileResult;
import io.segsurv.importer.ImportReport.FileStatus;
import io.segsurv.importer.ImportReport.PatientResult;
import io.segsurv.importer.ImportReport.PatientStatus;
import io.segsurv.project.ProjectAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * One import pipeline for the browser upload, the command line and the DICOM network: read and
 * check every file, group by patient, check each patient's series and structure sets, de-identify,
 * store content-addressed, and record it all — atomically per patient: a patient with a fatal
 * problem is stored not at all, and the others are not held back by it.
 */
@Service
public class ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final Set<String> NOT_DICOM_EXTENSIONS = Set.of("csv", "json", "txt", "md", "xml", "pdf");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final TransactionTemplate tx;
    private final ProjectAccess access;
    private final AuditService audit;
    private final FileStore store;
    private final SegSurvProperties properties;
    private final PreprocessService preprocess;

    public ImportService(DSLContext db, TransactionTemplate tx, ProjectAccess access, AuditService audit, SegSurvProperties properties,
                         PreprocessService preprocess) {
        this.preprocess = preprocess;
        this.db = db;
        this.tx = tx;
        this.access = access;
        this.audit = audit;
        this.properties = properties;
        this.store = new FileStore(properties.dataDir().resolve("store"));
    }

    /** Where an import comes from. */
    public enum Source { UPLOAD, CLI, CSTORE }

    /** Progress for a progress bar: files read so far of all. */
    public record Progress(int done, int total, String step) {
    }

    /** An import the caller is allowed to make (checked by {@link #importFiles(Request, Consumer)} for UI/API callers). */
    public record Request(long cohortId, Path directory, Path clinicalCsv, Source source, Actor actor, Deidentifier.Dates dates,
                          TumourRule tumourRule, ClinicalCsv.Mapping clinicalMapping) {

        public Request(long cohortId, Path directory, Path clinicalCsv, Source source, Actor actor, Deidentifier.Dates dates,
                       TumourRule tumourRule) {
            this(cohortId, directory, clinicalCsv, source, actor, dates, tumourRule, ClinicalCsv.Mapping.NSCLC_RADIOMICS);
        }
    }

    /** Fails unless the current user may import into the cohort (PI or researcher of its project). */
    public void requireCanImport(long cohortId) {
        access.requireManageData(projectOf(cohortId));
    }

    /** For the UI and the API: the current user must be a PI or researcher of the cohort's project. */
    public ImportReport importAsMember(Request request, Consumer<Progress> progress) {
        access.requireManageData(projectOf(request.cohortId()));
        return importFiles(request, progress);
    }

    /** For trusted callers: the command line (run by the operator) and the DICOM receiver (routed by AE title). */
    public ImportReport importFiles(Request request, Consumer<Progress> progress) {
        long projectId = projectOf(request.cohortId());
        Consumer<Progress> report = progress == null ? p -> { } : progress;
        long batch = db.insertInto(IMPORT_BATCH).set(IMPORT_BATCH.PROJECT_ID, projectId).set(IMPORT_BATCH.COHORT_ID, request.cohortId())
                .set(IMPORT_BATCH.SOURCE, request.source().name()).set(IMPORT_BATCH.CREATED_BY, request.actor().userId())
                .returning(IMPORT_BATCH.ID).fetchOne().getId();
        List<FileResult> files = new ArrayList<>();
        List<PatientResult> patients = new ArrayList<>();
        List<String> clinical = new ArrayList<>();

        List<Path> paths = list(request.directory());
        long tHeaders = System.nanoTime();
        // pass 1: headers only, to group files by patient without holding pixel data
        Map<String, List<Path>> byPatient = new TreeMap<>();
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        List<Object[]> headers = paths.parallelStream().map(p -> {
            String label = request.directory().relativize(p).toString();
            report.accept(new Progress(read.getAndIncrement(), paths.size() * 2, "reading " + label));
            String ext = label.contains(".") ? label.substring(label.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            if (NOT_DICOM_EXTENSIONS.contains(ext)) {
                return new Object[] {p, new FileResult(label, FileStatus.SKIPPED, "not a DICOM file (." + ext + "); skipped")};
            }
            try {
                String patient = DicomReader.readPatientId(p, label);
                return patient.isEmpty() ? new Object[] {p, new FileResult(label, FileStatus.REJECTED, "has no PatientID: cannot tell whose it is")}
                        : new Object[] {p, patient};
            } catch (DicomProblem e) {
                return new Object[] {p, new FileResult(label, FileStatus.REJECTED, messageWithoutFile(e))};
            }
        }).toList();
        for (Object[] h : headers) {
            if (h[1] instanceof FileResult f) {
                files.add(f);
            } else {
                byPatient.computeIfAbsent((String) h[1], k -> new ArrayList<>()).add((Path) h[0]);
            }
        }
        LOG.debug("timing: headers {} ms", (System.nanoTime() - tHeaders) / 1_000_000);
        Deidentifier deid = new Deidentifier(UidKey.load(properties.dataDir()), "project-" + projectId, request.dates());
        int done = paths.size();
        for (var entry : byPatient.entrySet()) {
            // pass 2, one patient at a time: full reads in parallel
            List<String> damaged = java.util.Collections.synchronizedList(new ArrayList<>());
            List<FileResult> rejected = java.util.Collections.synchronizedList(new ArrayList<>());
            long tRead = System.nanoTime();
            List<DicomInstance> instances = entry.getValue().parallelStream().map(p -> {
                String label = request.directory().relativize(p).toString();
                try {
                    return DicomReader.read(p, label);
                } catch (DicomProblem e) {
                    rejected.add(new FileResult(label, FileStatus.REJECTED, messageWithoutFile(e)));
                    damaged.add(e.getMessage());
                    return null;
                }
            }).filter(java.util.Objects::nonNull).toList();
            files.addAll(rejected);
            LOG.debug("timing: read {} files {} ms", entry.getValue().size(), (System.nanoTime() - tRead) / 1_000_000);
            done += entry.getValue().size();
            report.accept(new Progress(done, paths.size() * 2, "patient " + (patients.size() + 1) + " of " + byPatient.size()));
            if (instances.isEmpty()) {
                continue;
            }
            patients.add(importPatient(projectId, request, new ArrayList<>(instances), List.copyOf(damaged), deid, files));
        }
        if (request.clinicalCsv() != null) {
            clinical.addAll(importClinical(projectId, request.cohortId(), request.clinicalCsv(), request.clinicalMapping()));
        }
        int stored = (int) files.stream().filter(f -> f.status() == FileStatus.STORED).count();
        int duplicate = (int) files.stream().filter(f -> f.status() == FileStatus.DUPLICATE).count();
        int rejected = (int) files.stream().filter(f -> f.status() == FileStatus.REJECTED).count();
        int patientsStored = (int) patients.stream().filter(p -> p.status() != PatientStatus.REJECTED).count();
        int patientsRejected = patients.size() - patientsStored;
        files.sort(Comparator.comparing(FileResult::file));
        ImportReport result = new ImportReport(batch, files, patients, clinical, stored, duplicate, rejected, patientsStored, patientsRejected);
        db.update(IMPORT_BATCH).set(IMPORT_BATCH.FINISHED_AT, OffsetDateTime.now()).set(IMPORT_BATCH.FILES_TOTAL, files.size())
                .set(IMPORT_BATCH.FILES_STORED, stored).set(IMPORT_BATCH.FILES_DUPLICATE, duplicate).set(IMPORT_BATCH.FILES_REJECTED, rejected)
                .set(IMPORT_BATCH.PATIENTS_STORED, patientsStored).set(IMPORT_BATCH.PATIENTS_REJECTED, patientsRejected)
                .set(IMPORT_BATCH.REPORT, JSON.writeValueAsString(result)).where(IMPORT_BATCH.ID.eq(batch)).execute();
        audit.record(request.actor(), "IMPORT", projectId, null, "cohort " + request.cohortId(),
                request.source() + ": " + stored + " files stored, " + rejected + " rejected, " + patientsStored + " patients");
        result.lines().forEach(l -> LOG.info("{}", l));
        return result;
    }

    private PatientResult importPatient(long projectId, Request request, List<DicomInstance> instances, List<String> damagedFiles,
                                        Deidentifier deid, List<FileResult> files) {
        List<String> problems = new ArrayList<>(damagedFiles);
        List<String> warnings = new ArrayList<>();
        String originalId = instances.getFirst().patientId();
        String originalName = instances.getFirst().patientName();
        // the same SOP Instance UID twice in one upload is one file
        Map<String, DicomInstance> unique = new LinkedHashMap<>();
        for (DicomInstance d : instances) {
            if (unique.putIfAbsent(d.sopInstanceUid(), d) != null) {
                files.add(new FileResult(d.source(), FileStatus.DUPLICATE, "same SOP Instance UID as " + unique.get(d.sopInstanceUid()).source()));
            }
        }
        List<DicomInstance> all = new ArrayList<>(unique.values());
        Map<String, List<DicomInstance>> bySeries = new TreeMap<>();
        List<DicomInstance> structures = new ArrayList<>();
        for (DicomInstance d : all) {
            if (d.isRtStruct()) {
                structures.add(d);
            } else if (d.isImage()) {
                bySeries.computeIfAbsent(d.seriesUid(), k -> new ArrayList<>()).add(d);
            } else {
                warnings.add(d.source() + ": " + d.modality() + " object without pixel data or structures is stored but not used");
                bySeries.computeIfAbsent(d.seriesUid(), k -> new ArrayList<>()).add(d);
            }
        }
        List<ImageSeries> series = new ArrayList<>();
        for (List<DicomInstance> s : bySeries.values()) {
            if (!s.getFirst().isImage()) {
                continue;
            }
            ImageSeries checked = ImageSeries.of(s);
            problems.addAll(checked.problems());
            warnings.addAll(checked.warnings());
            series.add(checked);
            if ("PT".equals(checked.modality())) {
                checkDecayInformation(checked.slices().getFirst()).ifPresent(problems::add);
            }
        }
        // structure sets: frames of reference and the tumour ROIs
        Set<String> frames = new java.util.HashSet<>();
        series.forEach(s -> frames.add(s.frameOfReferenceUid()));
        frames.addAll(storedFramesOfReference(projectId, originalId, deid));
        List<StructureSet> sets = new ArrayList<>();
        for (DicomInstance d : structures) {
            try {
                StructureSet set = StructureSet.parse(d);
                warnings.addAll(set.warnings());
                if (!frames.contains(set.frameOfReferenceUid()) && !frames.contains(deid.uid(set.frameOfReferenceUid()))) {
                    problems.add(d.source() + ": the structure set references Frame of Reference " + set.frameOfReferenceUid()
                            + ", which none of the patient's image series has");
                }
                sets.add(set);
            } catch (DicomProblem e) {
                problems.add(e.getMessage());
            }
        }
        List<String> roiNames = sets.stream().flatMap(s -> s.rois().stream()).map(StructureSet.Roi::name).toList();
        String tumourCt = null;
        String tumourPet = null;
        if (!sets.isEmpty()) {
            TumourRule.Choice ct = TumourRule.choose(request.tumourRule().ct(), roiNames);
            TumourRule.Choice pet = TumourRule.choose(request.tumourRule().pet(), roiNames);
            tumourCt = ct.name();
            tumourPet = pet.name();
            if (ct.problem() != null) {
                warnings.add("CT " + ct.problem());
            }
            boolean hasPet = series.stream().anyMatch(s -> "PT".equals(s.modality()));
            if (hasPet && pet.problem() != null && tumourCt != null) {
                warnings.add("PET " + pet.problem() + "; the CT tumour ROI '" + tumourCt + "' will be used for PET");
            }
            for (StructureSet set : sets) {
                for (StructureSet.Roi roi : set.rois()) {
                    if (roi.contours().isEmpty()) {
                        String msg = "ROI '" + roi.name() + "' of structure set " + set.sopInstanceUid() + " is empty (no contours)";
                        if (roi.name().equals(tumourCt) || roi.name().equals(tumourPet)) {
                            problems.add("the tumour " + msg);
                        } else {
                            warnings.add(msg);
                        }
                    }
                }
            }
            String chosenCt = ct.name();
            series.stream().filter(s -> "CT".equals(s.modality())).findFirst().ifPresent(ctSeries ->
                    checkContoursInside(ctSeries, sets, chosenCt, problems));
        } else if (storedRoiCount(projectId, originalId) == 0) {
            warnings.add("no RT Structure Set: the tumour contour is still missing");
        }
        if (!problems.isEmpty()) {
            for (DicomInstance d : all) {
                files.add(new FileResult(d.source(), FileStatus.REJECTED, "patient not imported: " + problems.getFirst()));
            }
            return new PatientResult("(not imported)", PatientStatus.REJECTED, all.size(), tumourCt, tumourPet, problems, warnings, null);
        }
        // store: one transaction per patient
        String finalTumourCt = tumourCt;
        String finalTumourPet = tumourPet;
        List<FileResult> fileResults = new ArrayList<>();
        try {
            long tStore = System.nanoTime();
            Stored stored = tx.execute(status -> store(projectId, request.cohortId(), originalId, originalName, all, sets, deid,
                    finalTumourCt, finalTumourPet, fileResults));
            files.addAll(fileResults);
            boolean changed = fileResults.stream().anyMatch(f -> f.status() == FileStatus.STORED);
            String preprocessing = null;
            LOG.debug("timing: store {} ms", (System.nanoTime() - tStore) / 1_000_000);
            long tPre = System.nanoTime();
            if (changed) {
                PreprocessService.Outcome outcome = preprocessLoaded(stored.patientId(), series, sets, finalTumourCt, finalTumourPet);
                preprocessing = outcome.message();
                outcome.warnings().forEach(w -> warnings.add("pre-processing: " + w));
            }
            LOG.debug("timing: preprocess {} ms", (System.nanoTime() - tPre) / 1_000_000);
            return new PatientResult(stored.pseudonym(), changed ? PatientStatus.STORED : PatientStatus.UNCHANGED, all.size(), tumourCt,
                    tumourPet, problems, warnings, preprocessing);
        } catch (RuntimeException e) {
            String message = e instanceof ImportProblem ? e.getMessage() : "storing failed: " + e.getMessage();
            LOG.warn("Import of a patient failed: {}", message, e instanceof ImportProblem ? null : e);
            for (DicomInstance d : all) {
                files.add(new FileResult(d.source(), FileStatus.REJECTED, "patient not imported: " + message));
            }
            problems.add(message);
            return new PatientResult("(not imported)", PatientStatus.REJECTED, all.size(), tumourCt, tumourPet, problems, warnings, null);
        }
    }

    /** Pre-processes from the series just imported (already in memory); the stored files are not read again. */
    private PreprocessService.Outcome preprocessLoaded(long patientId, List<ImageSeries> series, List<StructureSet> sets, String tumourCt,
                                                       String tumourPet) {
        StructureSet.Roi ct = sets.stream().flatMap(st -> st.rois().stream()).filter(r -> r.name().equals(tumourCt)).findFirst().orElse(null);
        if (ct == null) {
            // the tumour contour may have been imported earlier: go through the stored files
            return preprocess.preprocess(patientId);
        }
        ImageSeries ctSeries = series.stream().filter(x -> "CT".equals(x.modality()) && x.frameOfReferenceUid().equals(ct.frameOfReferenceUid()))
                .max(java.util.Comparator.comparingInt(x -> x.slices().size())).orElse(null);
        if (ctSeries == null) {
            return preprocess.preprocess(patientId);
        }
        ImageSeries petSeries = series.stream().filter(x -> "PT".equals(x.modality()) && x.frameOfReferenceUid().equals(ct.frameOfReferenceUid()))
                .max(java.util.Comparator.comparingInt(x -> x.slices().size())).orElse(null);
        StructureSet.Roi pet = tumourPet == null ? null
                : sets.stream().flatMap(st -> st.rois().stream()).filter(r -> r.name().equals(tumourPet)).findFirst().orElse(null);
        return preprocess.preprocess(patientId, ctSeries, petSeries, io.segsurv.dicom.VolumeLoader.roi(ct),
                pet == null || petSeries == null ? null : io.segsurv.dicom.VolumeLoader.roi(pet));
    }

    private record Stored(long patientId, String pseudonym) {
    }

    private Stored store(long projectId, long cohortId, String originalId, String originalName, List<DicomInstance> instances,
                         List<StructureSet> sets, Deidentifier deid, String tumourCt, String tumourPet, List<FileResult> results) {
        var map = db.select(PSEUDONYM_MAP.PATIENT_ID, PATIENT.PSEUDONYM, PSEUDONYM_MAP.DATE_SHIFT_DAYS, PATIENT.COHORT_ID, COHORT.NAME)
                .from(PSEUDONYM_MAP).join(PATIENT).on(PATIENT.ID.eq(PSEUDONYM_MAP.PATIENT_ID)).join(COHORT).on(COHORT.ID.eq(PATIENT.COHORT_ID))
                .where(PSEUDONYM_MAP.PROJECT_ID.eq(projectId).and(PSEUDONYM_MAP.ORIGINAL_PATIENT_ID.eq(originalId))).fetchOne();
        long patientId;
        String pseudonym;
        int shift;
        if (map != null) {
            if (map.value4() != cohortId) {
                throw new ImportProblem("this patient was already imported into the cohort '" + map.value5()
                        + "' of this project; a patient belongs to one cohort");
            }
            patientId = map.value1();
            pseudonym = map.value2();
            shift = map.value3();
        } else {
            pseudonym = newPseudonym(projectId);
            shift = -(30 + RANDOM.nextInt(700));
            patientId = db.insertInto(PATIENT).set(PATIENT.PROJECT_ID, projectId).set(PATIENT.COHORT_ID, cohortId)
                    .set(PATIENT.PSEUDONYM, pseudonym).returning(PATIENT.ID).fetchOne().getId();
            db.insertInto(PSEUDONYM_MAP).set(PSEUDONYM_MAP.PROJECT_ID, projectId).set(PSEUDONYM_MAP.PATIENT_ID, patientId)
                    .set(PSEUDONYM_MAP.ORIGINAL_PATIENT_ID, originalId).set(PSEUDONYM_MAP.ORIGINAL_PATIENT_NAME, originalName)
                    .set(PSEUDONYM_MAP.DATE_SHIFT_DAYS, shift).execute();
        }
        Map<String, StructureSet> setsBySop = new java.util.HashMap<>();
        sets.forEach(st -> setsBySop.put(st.sopInstanceUid(), st));
        // one query for what is already stored, then de-identify and store the rest in parallel
        Map<String, DicomInstance> bySop = new LinkedHashMap<>();
        instances.forEach(d -> bySop.put(deid.uid(d.sopInstanceUid()), d));
        Set<String> existing = new java.util.HashSet<>();
        List<String> sops = new ArrayList<>(bySop.keySet());
        for (int i = 0; i < sops.size(); i += 500) {
            existing.addAll(db.select(IMAGING_INSTANCE.SOP_INSTANCE_UID).from(IMAGING_INSTANCE)
                    .where(IMAGING_INSTANCE.SOP_INSTANCE_UID.in(sops.subList(i, Math.min(sops.size(), i + 500)))).fetch(IMAGING_INSTANCE.SOP_INSTANCE_UID));
        }
        record Prepared(String sop, DicomInstance d, String studyUid, String seriesUid, String frame, String description, String studyDate,
                        FileStore.Stored stored) {
        }
        List<Prepared> prepared = bySop.entrySet().stream().filter(e -> !existing.contains(e.getKey())).toList().parallelStream().map(e -> {
            DicomInstance d = e.getValue();
            String description = DicomReader.str(d.attributes(), "SeriesDescription");
            String studyDate = DicomReader.str(d.attributes(), "StudyDate");
            try {
                FileStore.Stored written = store.write(out -> {
                    try {
                        deid.apply(d, pseudonym, shift, out);
                    } catch (DicomProblem ex) {
                        throw new ImportProblem(ex.getMessage());
                    }
                });
                return new Prepared(e.getKey(), d, deid.uid(d.studyUid()), deid.uid(d.seriesUid()), deid.uid(d.frameOfReferenceUid()),
                        description, studyDate, written);
            } catch (IOException ex) {
                throw new ImportProblem(d.source() + ": could not be written to the file store: " + ex.getMessage());
            }
        }).toList();
        for (var e : bySop.entrySet()) {
            if (existing.contains(e.getKey())) {
                results.add(new FileResult(e.getValue().source(), FileStatus.DUPLICATE, "already stored (same SOP Instance UID)"));
            }
        }
        Map<String, Long> studies = new java.util.HashMap<>();
        Map<String, Long> seriesIds = new java.util.HashMap<>();
        Set<Long> touchedSeries = new java.util.HashSet<>();
        var instanceInsert = db.insertInto(IMAGING_INSTANCE, IMAGING_INSTANCE.SERIES_ID, IMAGING_INSTANCE.SOP_INSTANCE_UID,
                IMAGING_INSTANCE.SOP_CLASS_UID, IMAGING_INSTANCE.INSTANCE_NUMBER, IMAGING_INSTANCE.SHA256, IMAGING_INSTANCE.SIZE_BYTES);
        List<Prepared> structureFiles = new ArrayList<>();
        int rows = 0;
        for (Prepared p : prepared) {
            long studyId = studies.computeIfAbsent(p.studyUid(), uid -> db.select(IMAGING_STUDY.ID, IMAGING_STUDY.PATIENT_ID).from(IMAGING_STUDY)
                    .where(IMAGING_STUDY.STUDY_INSTANCE_UID.eq(uid)).fetchOptional().map(r -> {
                        if (r.value2() != patientId) {
                            throw new ImportProblem(p.d().source() + ": its study belongs to another patient");
                        }
                        return r.value1();
                    }).orElseGet(() -> db.insertInto(IMAGING_STUDY).set(IMAGING_STUDY.PATIENT_ID, patientId).set(IMAGING_STUDY.STUDY_INSTANCE_UID, uid)
                            .set(IMAGING_STUDY.STUDY_DATE, shiftedDate(p.studyDate(), shift, deid)).returning(IMAGING_STUDY.ID).fetchOne().getId()));
            long seriesId = seriesIds.computeIfAbsent(p.seriesUid(), uid -> db.select(IMAGING_SERIES.ID).from(IMAGING_SERIES)
                    .where(IMAGING_SERIES.SERIES_INSTANCE_UID.eq(uid)).fetchOptional(IMAGING_SERIES.ID)
                    .orElseGet(() -> db.insertInto(IMAGING_SERIES).set(IMAGING_SERIES.STUDY_ID, studyId).set(IMAGING_SERIES.SERIES_INSTANCE_UID, uid)
                            .set(IMAGING_SERIES.MODALITY, p.d().modality().isEmpty() ? "OT" : p.d().modality())
                            .set(IMAGING_SERIES.FRAME_OF_REFERENCE_UID, p.frame()).set(IMAGING_SERIES.DESCRIPTION, truncate(p.description(), 200))
                            .returning(IMAGING_SERIES.ID).fetchOne().getId()));
            touchedSeries.add(seriesId);
            if (setsBySop.containsKey(p.d().sopInstanceUid())) {
                structureFiles.add(p);
            } else {
                instanceInsert = instanceInsert.values(seriesId, p.sop(), p.d().sopClassUid(), p.d().instanceNumber(), p.stored().sha256(),
                        p.stored().size());
                rows++;
            }
            results.add(new FileResult(p.d().source(), FileStatus.STORED, "stored as " + pseudonym + " " + p.d().modality()));
        }
        if (rows > 0) {
            instanceInsert.execute();
        }
        for (Prepared p : structureFiles) {
            long instanceId = db.insertInto(IMAGING_INSTANCE).set(IMAGING_INSTANCE.SERIES_ID, seriesIds.get(p.seriesUid()))
                    .set(IMAGING_INSTANCE.SOP_INSTANCE_UID, p.sop()).set(IMAGING_INSTANCE.SOP_CLASS_UID, p.d().sopClassUid())
                    .set(IMAGING_INSTANCE.INSTANCE_NUMBER, p.d().instanceNumber()).set(IMAGING_INSTANCE.SHA256, p.stored().sha256())
                    .set(IMAGING_INSTANCE.SIZE_BYTES, p.stored().size()).returning(IMAGING_INSTANCE.ID).fetchOne().getId();
            for (StructureSet.Roi roi : setsBySop.get(p.d().sopInstanceUid()).rois()) {
                String role = roi.name().equals(tumourCt) ? "TUMOUR_CT" : roi.name().equals(tumourPet) ? "TUMOUR_PET" : null;
                db.insertInto(ROI).set(ROI.INSTANCE_ID, instanceId).set(ROI.ROI_NUMBER, roi.number()).set(ROI.NAME, truncate(roi.name(), 64))
                        .set(ROI.FRAME_OF_REFERENCE_UID, deid.uid(roi.frameOfReferenceUid())).set(ROI.ROLE, role)
                        .set(ROI.CONTOUR_COUNT, roi.contours().size()).execute();
            }
        }
        for (long seriesId : touchedSeries) {
            db.update(IMAGING_SERIES).set(IMAGING_SERIES.INSTANCE_COUNT, DSL.field(DSL.selectCount().from(IMAGING_INSTANCE)
                    .where(IMAGING_INSTANCE.SERIES_ID.eq(seriesId)))).where(IMAGING_SERIES.ID.eq(seriesId)).execute();
        }
        return new Stored(patientId, pseudonym);
    }

    /** Reads the clinical table and stores the rows of patients of this cohort, by original PatientID. */
    private List<String> importClinical(long projectId, long cohortId, Path csv, ClinicalCsv.Mapping mapping) {
        List<String> messages = new ArrayList<>();
        List<ClinicalCsv.Row> rows;
        try {
            rows = ClinicalCsv.read(csv, mapping);
        } catch (ClinicalCsv.ClinicalCsvException e) {
            messages.add("not imported: " + e.getMessage());
            return messages;
        }
        int stored = 0;
        int unknown = 0;
        for (ClinicalCsv.Row row : rows) {
            Long patientId = db.select(PSEUDONYM_MAP.PATIENT_ID).from(PSEUDONYM_MAP).join(PATIENT).on(PATIENT.ID.eq(PSEUDONYM_MAP.PATIENT_ID))
                    .where(PSEUDONYM_MAP.PROJECT_ID.eq(projectId).and(PSEUDONYM_MAP.ORIGINAL_PATIENT_ID.eq(row.patientId()))
                            .and(PATIENT.COHORT_ID.eq(cohortId)))
                    .fetchOne(PSEUDONYM_MAP.PATIENT_ID);
            if (patientId == null) {
                unknown++;
                continue;
            }
            String vital = row.dead() == null ? null : row.dead() ? "DEAD" : "ALIVE";
            tx.executeWithoutResult(s -> {
                db.deleteFrom(CLINICAL_RECORD).where(CLINICAL_RECORD.PATIENT_ID.eq(patientId)).execute();
                db.insertInto(CLINICAL_RECORD).set(CLINICAL_RECORD.PATIENT_ID, patientId).set(CLINICAL_RECORD.FOLLOW_UP_DAYS, row.followUpDays())
                        .set(CLINICAL_RECORD.VITAL_STATUS, vital).set(CLINICAL_RECORD.CAUSE_OF_DEATH, row.causeOfDeath())
                        .set(CLINICAL_RECORD.STAGE, truncate(row.stage(), 32)).set(CLINICAL_RECORD.HISTOLOGY, truncate(row.histology(), 100))
                        .set(CLINICAL_RECORD.AGE_YEARS, row.age()).set(CLINICAL_RECORD.SEX, truncate(row.sex(), 8)).execute();
            });
            stored++;
        }
        messages.add(csv.getFileName() + ": " + stored + " clinical record(s) stored"
                + (unknown > 0 ? ", " + unknown + " row(s) for patients without imaging in this cohort skipped" : ""));
        return messages;
    }

    private static java.util.Optional<String> checkDecayInformation(DicomInstance pet) {
        AttributeList list = pet.attributes();
        List<String> missing = new ArrayList<>();
        if (!(list.get(Tags.of("RadiopharmaceuticalInformationSequence")) instanceof SequenceAttribute seq) || seq.getNumberOfItems() == 0) {
            missing.add("RadiopharmaceuticalInformationSequence");
        } else {
            AttributeList item = seq.getItem(0).getAttributeList();
            for (String k : List.of("RadionuclideTotalDose", "RadionuclideHalfLife")) {
                if (Attribute.getSingleStringValueOrEmptyString(item, Tags.of(k)).isBlank()) {
                    missing.add(k);
                }
            }
            if (Attribute.getSingleStringValueOrEmptyString(item, Tags.of("RadiopharmaceuticalStartTime")).isBlank()
                    && Attribute.getSingleStringValueOrEmptyString(item, Tags.of("RadiopharmaceuticalStartDateTime")).isBlank()) {
                missing.add("RadiopharmaceuticalStartTime");
            }
        }
        for (String k : List.of("PatientWeight", "DecayCorrection", "Units")) {
            if (Attribute.getSingleStringValueOrEmptyString(list, Tags.of(k)).isBlank()) {
                missing.add(k);
            }
        }
        if (missing.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pet.source() + ": PET series " + pet.seriesUid() + " has no decay information needed for SUVbw (missing "
                + String.join(", ", missing) + ")");
    }

    /** Tumour contours must fall on the CT: a contour entirely outside the image volume is an error. */
    private static void checkContoursInside(ImageSeries ct, List<StructureSet> sets, String tumour, List<String> problems) {
        if (tumour == null || ct.slices().isEmpty() || ct.normal() == null) {
            return;
        }
        DicomInstance first = ct.slices().getFirst();
        double[] iop = first.imageOrientation();
        double[] spacing = first.pixelSpacing() == null ? new double[] {1, 1} : first.pixelSpacing();
        double[] origin = first.imagePosition();
        double zMin = ImageSeries.dot(origin, ct.normal());
        double zMax = ImageSeries.dot(ct.slices().getLast().imagePosition(), ct.normal());
        double half = Math.max(ct.spacing(), 1) / 2;
        double width = first.columns() * spacing[1];
        double height = first.rows() * spacing[0];
        for (StructureSet set : sets) {
            for (StructureSet.Roi roi : set.rois()) {
                if (!roi.name().equals(tumour)) {
                    continue;
                }
                int index = 0;
                for (double[] c : roi.contours()) {
                    index++;
                    boolean inside = false;
                    for (int p = 0; p + 2 < c.length && !inside; p += 3) {
                        double[] v = {c[p] - origin[0], c[p + 1] - origin[1], c[p + 2] - origin[2]};
                        double x = v[0] * iop[0] + v[1] * iop[1] + v[2] * iop[2];
                        double y = v[0] * iop[3] + v[1] * iop[4] + v[2] * iop[5];
                        double z = ImageSeries.dot(new double[] {c[p], c[p + 1], c[p + 2]}, ct.normal());
                        inside = x >= -spacing[1] && x <= width && y >= -spacing[0] && y <= height && z >= zMin - half && z <= zMax + half;
                    }
                    if (!inside) {
                        problems.add("contour " + index + " of the tumour ROI '" + tumour + "' lies outside the CT image");
                    }
                }
            }
        }
    }

    private List<String> storedFramesOfReference(long projectId, String originalId, Deidentifier deid) {
        return db.selectDistinct(IMAGING_SERIES.FRAME_OF_REFERENCE_UID).from(IMAGING_SERIES)
                .join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID))
                .join(PSEUDONYM_MAP).on(PSEUDONYM_MAP.PATIENT_ID.eq(IMAGING_STUDY.PATIENT_ID))
                .where(PSEUDONYM_MAP.PROJECT_ID.eq(projectId).and(PSEUDONYM_MAP.ORIGINAL_PATIENT_ID.eq(originalId)))
                .fetch(IMAGING_SERIES.FRAME_OF_REFERENCE_UID);
    }

    private int storedRoiCount(long projectId, String originalId) {
        return db.fetchCount(db.select(ROI.ID).from(ROI).join(IMAGING_INSTANCE).on(IMAGING_INSTANCE.ID.eq(ROI.INSTANCE_ID))
                .join(IMAGING_SERIES).on(IMAGING_SERIES.ID.eq(IMAGING_INSTANCE.SERIES_ID))
                .join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID))
                .join(PSEUDONYM_MAP).on(PSEUDONYM_MAP.PATIENT_ID.eq(IMAGING_STUDY.PATIENT_ID))
                .where(PSEUDONYM_MAP.PROJECT_ID.eq(projectId).and(PSEUDONYM_MAP.ORIGINAL_PATIENT_ID.eq(originalId))));
    }

    private String newPseudonym(long projectId) {
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[4];
            RANDOM.nextBytes(b);
            String candidate = "SSV-" + HexFormat.of().withUpperCase().formatHex(b);
            if (!db.fetchExists(PATIENT, PATIENT.PROJECT_ID.eq(projectId).and(PATIENT.PSEUDONYM.eq(candidate)))) {
                return candidate;
            }
        }
        throw new IllegalStateException("could not find a free pseudonym");
    }

    private static LocalDate shiftedDate(String dicomDate, int shift, Deidentifier deid) {
        if (dicomDate == null || dicomDate.length() < 8) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(dicomDate.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
            return deid == null ? d : d.plusDays(shift);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private long projectOf(long cohortId) {
        Long projectId = db.select(COHORT.PROJECT_ID).from(COHORT).where(COHORT.ID.eq(cohortId)).fetchOne(COHORT.PROJECT_ID);
        if (projectId == null) {
            throw new NotFoundException("Cohort " + cohortId + " does not exist");
        }
        return projectId;
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ValidationException(directory + " is not a directory");
        }
        try (Stream<Path> s = Files.walk(directory)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ValidationException("Cannot list " + directory + ": " + e.getMessage());
        }
    }

    private static String messageWithoutFile(DicomProblem e) {
        String m = e.getMessage();
        String prefix = e.file() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String truncate(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    /** A problem found while storing a patient; rolls the patient back. */
    static final class ImportProblem extends RuntimeException {
        ImportProblem(String message) {
            super(message);
        }
    }
}

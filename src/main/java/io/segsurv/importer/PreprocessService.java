/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.IMAGING_INSTANCE;
import static io.segsurv.db.generated.Tables.IMAGING_SERIES;
import static io.segsurv.db.generated.Tables.IMAGING_STUDY;
import static io.segsurv.db.generated.Tables.PREPROCESSED_CASE;
import static io.segsurv.db.generated.Tables.ROI;

import io.segsurv.base.config.CodeVersion;
import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.dicom.DicomInstance;
import io.segsurv.dicom.DicomProblem;
import io.segsurv.dicom.DicomReader;
import io.segsurv.dicom.ImageSeries;
import io.segsurv.dicom.StructureSet;
import io.segsurv.dicom.VolumeLoader;
import io.segsurv.filestore.FileStore;
import io.segsurv.imaging.CaseFile;
import io.segsurv.imaging.ImagingException;
import io.segsurv.imaging.PreprocessedCase;
import io.segsurv.imaging.Preprocessor;
import io.segsurv.imaging.Roi;
import io.segsurv.imaging.Volume;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pre-processing of one stored patient (METHOD.md section 2): CT to HU and PET to SUVbw from the
 * de-identified files, tumour contours rasterised, the 96 x 96 x 48 crop at 1 mm around the
 * tumour's centre of mass, clipped and scaled; the result is stored content-addressed with its
 * provenance (input series, parameters, code version).
 */
@Service
public class PreprocessService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DSLContext db;
    private final TransactionTemplate tx;
    private final FileStore store;
    private final Preprocessor preprocessor = new Preprocessor(Preprocessor.Options.defaults());

    public PreprocessService(DSLContext db, TransactionTemplate tx, SegSurvProperties properties) {
        this.db = db;
        this.tx = tx;
        this.store = new FileStore(properties.dataDir().resolve("store"));
    }

    /** The outcome for one patient: done, or why not. */
    public record Outcome(long patientId, boolean done, String message, List<String> warnings) {
    }

    public Outcome preprocess(long patientId) {
        var tumour = roiOf(patientId, "TUMOUR_CT");
        if (tumour == null) {
            return new Outcome(patientId, false, "no CT tumour ROI: not pre-processed", List.of());
        }
        String frame = tumour.value3();
        try {
            ImageSeries ct = series(patientId, "CT", frame);
            if (ct == null) {
                return new Outcome(patientId, false, "no CT series in the tumour contour's frame of reference: not pre-processed", List.of());
            }
            ImageSeries pet = series(patientId, "PT", frame);
            var petTumour = roiOf(patientId, "TUMOUR_PET");
            return preprocess(patientId, ct, pet, roi(tumour), petTumour == null || pet == null ? null : roi(petTumour));
        } catch (DicomProblem | IOException e) {
            return new Outcome(patientId, false, "pre-processing failed: " + e.getMessage(), List.of());
        }
    }

    /** Pre-processes series already in memory (as the import has them) and stores the result. */
    public Outcome preprocess(long patientId, ImageSeries ct, ImageSeries pet, Roi ctRoi, Roi petRoi) {
        try {
            Volume ctHu = VolumeLoader.hounsfield(ct);
            Volume petSuv = pet == null ? null : VolumeLoader.suv(pet);
            PreprocessedCase result = preprocessor.run(ctHu, petSuv, ctRoi, petRoi);
            FileStore.Stored stored = store.write(out -> CaseFile.write(result, out));
            String inputs = JSON.writeValueAsString(Map.of("ct", ct.seriesUid(), "pet", pet == null ? "" : pet.seriesUid(),
                    "ctTumour", ctRoi.name(), "petTumour", petRoi == null ? "" : petRoi.name()));
            tx.executeWithoutResult(s -> {
                db.deleteFrom(PREPROCESSED_CASE).where(PREPROCESSED_CASE.PATIENT_ID.eq(patientId)).execute();
                db.insertInto(PREPROCESSED_CASE).set(PREPROCESSED_CASE.PATIENT_ID, patientId).set(PREPROCESSED_CASE.SHA256, stored.sha256())
                        .set(PREPROCESSED_CASE.PARAMETERS, String.valueOf(preprocessor.options())).set(PREPROCESSED_CASE.INPUT_SERIES, inputs)
                        .set(PREPROCESSED_CASE.CODE_VERSION, CodeVersion.current())
                        .set(PREPROCESSED_CASE.TUMOUR_VOLUME_CM3, finite(result.tumourVolumeCm3()))
                        .set(PREPROCESSED_CASE.SUV_MAX, finite(result.suvMax())).set(PREPROCESSED_CASE.SUV_MEAN, finite(result.suvMean()))
                        .set(PREPROCESSED_CASE.WARNINGS, String.join("\n", result.warnings())).execute();
            });
            return new Outcome(patientId, true, String.format(java.util.Locale.ROOT, "pre-processed: tumour %.1f cm3%s",
                    result.tumourVolumeCm3(), pet == null ? ", CT only" : String.format(java.util.Locale.ROOT, ", SUVmax %.1f", result.suvMax())),
                    result.warnings());
        } catch (DicomProblem | ImagingException | IOException e) {
            return new Outcome(patientId, false, "pre-processing failed: " + e.getMessage(), List.of());
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** (ROI name, RTSTRUCT file hash, frame of reference, ROI number) of the patient's ROI with a role. */
    private Record4<String, String, String, Integer> roiOf(long patientId, String role) {
        return db.select(ROI.NAME, IMAGING_INSTANCE.SHA256, ROI.FRAME_OF_REFERENCE_UID, ROI.ROI_NUMBER).from(ROI)
                .join(IMAGING_INSTANCE).on(IMAGING_INSTANCE.ID.eq(ROI.INSTANCE_ID))
                .join(IMAGING_SERIES).on(IMAGING_SERIES.ID.eq(IMAGING_INSTANCE.SERIES_ID))
                .join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID))
                .where(IMAGING_STUDY.PATIENT_ID.eq(patientId).and(ROI.ROLE.eq(role)))
                .orderBy(ROI.ID.desc()).limit(1).fetchOne();
    }

    private Roi roi(Record4<String, String, String, Integer> row) throws DicomProblem, IOException {
        DicomInstance rt = DicomReader.read(store.path(row.value2()), "RTSTRUCT " + row.value2().substring(0, 12));
        for (StructureSet.Roi r : StructureSet.parse(rt).rois()) {
            if (r.number() == row.value4()) {
                return VolumeLoader.roi(r);
            }
        }
        throw new DicomProblem(rt.source(), "ROI " + row.value4() + " is no longer in the structure set");
    }

    /** The largest stored series of a modality in a frame of reference, ordered and checked. */
    private ImageSeries series(long patientId, String modality, String frame) throws DicomProblem {
        Long seriesId = db.select(IMAGING_SERIES.ID).from(IMAGING_SERIES).join(IMAGING_STUDY).on(IMAGING_STUDY.ID.eq(IMAGING_SERIES.STUDY_ID))
                .where(IMAGING_STUDY.PATIENT_ID.eq(patientId).and(IMAGING_SERIES.MODALITY.eq(modality))
                        .and(IMAGING_SERIES.FRAME_OF_REFERENCE_UID.eq(frame)))
                .orderBy(IMAGING_SERIES.INSTANCE_COUNT.desc()).limit(1).fetchOne(IMAGING_SERIES.ID);
        if (seriesId == null) {
            return null;
        }
        List<DicomInstance> slices = new ArrayList<>();
        for (var r : db.select(IMAGING_INSTANCE.SHA256, IMAGING_INSTANCE.INSTANCE_NUMBER).from(IMAGING_INSTANCE)
                .where(IMAGING_INSTANCE.SERIES_ID.eq(seriesId)).fetch()) {
            slices.add(DicomReader.read(store.path(r.value1()), modality + " slice " + r.value2()));
        }
        ImageSeries s = ImageSeries.of(slices);
        if (!s.problems().isEmpty()) {
            throw new DicomProblem(modality + " series", String.join("; ", s.problems()));
        }
        return s;
    }
}

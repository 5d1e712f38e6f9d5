/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.FEATURE_SET;
import static io.segsurv.db.generated.Tables.PATIENT;
import static io.segsurv.db.generated.Tables.PREDICTED_MASK;
import static io.segsurv.db.generated.Tables.PREPROCESSED_CASE;
import static io.segsurv.db.generated.Tables.TRAINED_MODEL;
import static io.segsurv.db.generated.Tables.TRAINING_EPOCH;
import static io.segsurv.db.generated.Tables.TRAINING_SPLIT;

import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.base.config.CodeVersion;
import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.filestore.FileStore;
import io.segsurv.imaging.CaseFile;
import io.segsurv.imaging.PreprocessedCase;
import io.segsurv.segmentation.engines.CaseSource;
import io.segsurv.segmentation.engines.EpochMetrics;
import io.segsurv.segmentation.engines.SegmentationTrainer;
import io.segsurv.segmentation.engines.TrainingCase;
import io.segsurv.segmentation.engines.TrainingListener;
import io.segsurv.segmentation.engines.TrainingResult;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import io.segsurv.segmentation.metrics.DiceMetric;
import io.segsurv.segmentation.networks.BottleneckFeatures;
import io.segsurv.segmentation.networks.Devices;
import io.segsurv.segmentation.networks.SegmentationModel;
import io.segsurv.segmentation.transforms.Downsampling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segmentation models of a project: training a U-Net on a cohort's pre-processed cases (resumable,
 * per-epoch metrics in {@code training_epoch}), bottleneck features of a cohort into a
 * {@link FeatureFile} in the file store, predicted masks with their Dice against the physician's
 * contour. No access checks here: jobs and the command line call it; {@link ModelService} checks
 * project membership for users.
 */
@Service
public class SegmentationModels {

    public static final String KIND = "unet3d";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FULL_NX = 96;
    private static final int FULL_NY = 96;
    private static final int FULL_NZ = 48;

    private final DSLContext db;
    private final TransactionTemplate tx;
    private final FileStore store;
    private final Path modelsDir;

    public SegmentationModels(DSLContext db, TransactionTemplate tx, SegSurvProperties properties) {
        this.db = db;
        this.tx = tx;
        this.store = new FileStore(properties.dataDir().resolve("store"));
        this.modelsDir = properties.dataDir().resolve("models");
    }

    /** A model as listed and shown. */
    public record Model(long id, long projectId, Long cohortId, String name, String modality, String status,
            ModelSettings settings, String codeVersion, String weightsSha256, Integer epochs, Integer bestEpoch,
            Double bestValidationDice, Double secondsPerStep, Long jobId, OffsetDateTime createdAt) {
    }

    /** One finished epoch, as the live training curve shows it. */
    public record Epoch(int epoch, double learningRate, double trainLoss, double trainDice, double validationMean,
            double validationSd, Map<String, Double> validationDice, double seconds) {
    }

    /** A cohort's features under a model. */
    public record FeatureSet(long id, long modelId, long cohortId, String sha256, int patients, int features) {
    }

    /** Where a long operation reports progress (a job's context, the command line's console). */
    public interface Progress {
        void report(double fraction, String message);

        Progress NONE = (f, m) -> {
        };
    }

    /** Records a model to be trained (status TRAINING) and returns its id. */
    public long create(long projectId, long cohortId, String modality, String name, ModelSettings settings, Long userId) {
        String mod = modality(modality);
        Long owner = db.select(COHORT.PROJECT_ID).from(COHORT).where(COHORT.ID.eq(cohortId)).fetchOne(COHORT.PROJECT_ID);
        if (owner == null || owner != projectId) {
            throw new NotFoundException("No cohort " + cohortId + " in project " + projectId);
        }
        String n = name == null || name.isBlank() ? "unet-" + mod.toLowerCase() + "-" + System.currentTimeMillis() : name.strip();
        if (db.fetchExists(TRAINED_MODEL, TRAINED_MODEL.PROJECT_ID.eq(projectId).and(TRAINED_MODEL.NAME.eq(n)))) {
            throw new ValidationException("A model named '" + n + "' already exists in this project");
        }
        return db.insertInto(TRAINED_MODEL).set(TRAINED_MODEL.PROJECT_ID, projectId).set(TRAINED_MODEL.NAME, n)
                .set(TRAINED_MODEL.KIND, KIND).set(TRAINED_MODEL.MODALITY, mod)
                .set(TRAINED_MODEL.CONFIGURATION, JSON.writeValueAsString(settings.toMap())).set(TRAINED_MODEL.SEED, settings.seed())
                .set(TRAINED_MODEL.CODE_VERSION, CodeVersion.current()).set(TRAINED_MODEL.COHORT_ID, cohortId)
                .set(TRAINED_MODEL.STATUS, "TRAINING").set(TRAINED_MODEL.CREATED_BY, userId)
                .returning(TRAINED_MODEL.ID).fetchOne().getId();
    }

    static String modality(String modality) {
        String m = modality == null ? "" : modality.strip().toUpperCase();
        if (m.equals("PT")) {
            m = "PET";
        }
        if (!m.equals("CT") && !m.equals("PET")) {
            throw new ValidationException("modality must be CT or PET, was '" + modality + "'");
        }
        return m;
    }

    public void setJob(long modelId, long jobId) {
        db.update(TRAINED_MODEL).set(TRAINED_MODEL.JOB_ID, jobId).where(TRAINED_MODEL.ID.eq(modelId)).execute();
    }

    /**
     * Trains (or resumes) the model's U-Net on its cohort. Epoch rows are written as epochs finish;
     * a stopped run resumes from its last checkpoint when called again. Returns the result.
     */
    public TrainingResult train(long modelId, Progress progress, BooleanSupplier cancelled) throws IOException {
        Model m = get(modelId);
        if (m.cohortId() == null) {
            throw new ValidationException("model " + modelId + " has no training cohort (it was deleted)");
        }
        ModelSettings settings = m.settings();
        Map<String, Long> cases = cases(m.cohortId(), m.modality());
        if (cases.size() < 2) {
            fail(modelId); // nothing to train on: the model must not stay TRAINING, whoever called (job, command line)
            throw new ValidationException("cohort " + m.cohortId() + " has " + cases.size() + " pre-processed case(s) with a "
                    + m.modality() + " tumour: at least 2 are needed (training and validation)");
        }
        CaseSource source = source(cases, m.modality(), settings.halved());
        Path checkpoints = modelsDir.resolve(Long.toString(modelId)).resolve("checkpoints");
        Map<String, String> metadata = Map.of("model_id", Long.toString(modelId), "modality", m.modality(),
                "code_version", CodeVersion.current(), "project_id", Long.toString(m.projectId()));
        SegmentationTrainer trainer = new SegmentationTrainer(settings.options(), source, checkpoints, metadata);
        int maxEpochs = settings.epochs();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics e) {
                recordEpoch(modelId, e);
                progress.report(Math.min(0.99, (double) e.epoch() / maxEpochs), String.format(java.util.Locale.ROOT,
                        "epoch %d/%d: loss %.4f, validation Dice %.3f +- %.3f", e.epoch(), maxEpochs, e.trainLoss(),
                        e.validationMean(), e.validationSd()));
            }
        };
        TrainingResult result = trainer.train(listener, cancelled);
        // a cancelled job's thread is interrupted: record the outcome first (JDBC refuses interrupted threads), then restore
        boolean interrupted = Thread.interrupted();
        try {
            finish(modelId, result, cases);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }

    private void recordEpoch(long modelId, EpochMetrics e) {
        tx.executeWithoutResult(s -> {
            db.deleteFrom(TRAINING_EPOCH).where(TRAINING_EPOCH.MODEL_ID.eq(modelId).and(TRAINING_EPOCH.EPOCH.eq(e.epoch()))).execute();
            db.insertInto(TRAINING_EPOCH).set(TRAINING_EPOCH.MODEL_ID, modelId).set(TRAINING_EPOCH.EPOCH, e.epoch())
                    .set(TRAINING_EPOCH.LEARNING_RATE, e.learningRate()).set(TRAINING_EPOCH.TRAIN_LOSS, e.trainLoss())
                    .set(TRAINING_EPOCH.TRAIN_DICE, e.trainDice()).set(TRAINING_EPOCH.VALIDATION_DICE_MEAN, e.validationMean())
                    .set(TRAINING_EPOCH.VALIDATION_DICE_SD, finiteOrZero(e.validationSd()))
                    .set(TRAINING_EPOCH.VALIDATION_DICE, JSON.writeValueAsString(e.validationDice()))
                    .set(TRAINING_EPOCH.SECONDS, e.seconds()).execute();
        });
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private void finish(long modelId, TrainingResult result, Map<String, Long> cases) throws IOException {
        String sha = null;
        if (result.bestModel() != null) {
            try (InputStream in = Files.newInputStream(result.bestModel())) {
                sha = store.put(in).sha256();
            }
        }
        String status = switch (result.status()) {
            case CANCELLED -> "CANCELLED";
            case COMPLETED, EARLY_STOPPED -> sha == null ? "FAILED" : "READY";
        };
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("status", result.status().name());
        metrics.put("epochs", result.epochs());
        metrics.put("bestEpoch", result.bestEpoch());
        metrics.put("bestValidationDice", result.bestValidationDice());
        metrics.put("secondsPerStep", result.secondsPerStep());
        String weights = sha;
        tx.executeWithoutResult(s -> {
            db.update(TRAINED_MODEL).set(TRAINED_MODEL.STATUS, status).set(TRAINED_MODEL.WEIGHTS_SHA256, weights)
                    .set(TRAINED_MODEL.EPOCHS, result.epochs()).set(TRAINED_MODEL.BEST_EPOCH, result.bestEpoch())
                    .set(TRAINED_MODEL.BEST_VALIDATION_DICE, result.bestEpoch() == 0 ? null : result.bestValidationDice())
                    .set(TRAINED_MODEL.SECONDS_PER_STEP, Double.isFinite(result.secondsPerStep()) ? result.secondsPerStep() : null)
                    .set(TRAINED_MODEL.METRICS, JSON.writeValueAsString(metrics)).where(TRAINED_MODEL.ID.eq(modelId)).execute();
            db.deleteFrom(TRAINING_SPLIT).where(TRAINING_SPLIT.MODEL_ID.eq(modelId)).execute();
            if (result.split() != null) {
                for (String id : result.split().training()) {
                    split(modelId, cases.get(id), "TRAIN");
                }
                for (String id : result.split().validation()) {
                    split(modelId, cases.get(id), "VALIDATION");
                }
            }
        });
    }

    private void split(long modelId, Long patientId, String role) {
        db.insertInto(TRAINING_SPLIT).set(TRAINING_SPLIT.MODEL_ID, modelId).set(TRAINING_SPLIT.PATIENT_ID, patientId)
                .set(TRAINING_SPLIT.ROLE, role).execute();
    }

    /** Marks a model whose training failed for good (the job gave up). */
    public void fail(long modelId) {
        db.update(TRAINED_MODEL).set(TRAINED_MODEL.STATUS, "FAILED").where(TRAINED_MODEL.ID.eq(modelId)
                .and(TRAINED_MODEL.STATUS.eq("TRAINING"))).execute();
    }

    /**
     * Pre-processed cases of a cohort that have a tumour of that modality, by pseudonym (the case id
     * of the split) -> patient id, in pseudonym order. A PET case needs PET (an SUVmax was measured).
     */
    Map<String, Long> cases(long cohortId, String modality) {
        var q = db.select(PATIENT.PSEUDONYM, PATIENT.ID).from(PATIENT).join(PREPROCESSED_CASE).on(PREPROCESSED_CASE.PATIENT_ID.eq(PATIENT.ID))
                .where(PATIENT.COHORT_ID.eq(cohortId)).and(PREPROCESSED_CASE.TUMOUR_VOLUME_CM3.gt(0.0));
        if (modality.equals("PET")) {
            q = q.and(PREPROCESSED_CASE.SUV_MAX.isNotNull());
        }
        Map<String, Long> out = new LinkedHashMap<>();
        q.orderBy(PATIENT.PSEUDONYM).forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private CaseSource source(Map<String, Long> cases, String modality, boolean halved) {
        return new CaseSource() {
            @Override
            public List<String> ids() {
                return List.copyOf(cases.keySet());
            }

            @Override
            public TrainingCase load(String id) throws IOException {
                return trainingCase(id, cases.get(id), modality, halved);
            }
        };
    }

    private TrainingCase trainingCase(String id, long patientId, String modality, boolean halved) throws IOException {
        String sha = db.select(PREPROCESSED_CASE.SHA256).from(PREPROCESSED_CASE).where(PREPROCESSED_CASE.PATIENT_ID.eq(patientId))
                .fetchOne(PREPROCESSED_CASE.SHA256);
        if (sha == null) {
            throw new IOException("patient " + id + " has no pre-processed case");
        }
        PreprocessedCase c;
        try (InputStream in = store.open(sha)) {
            c = CaseFile.read(in);
        }
        TrainingCase full = modality.equals("CT") ? TrainingCase.ct(id, c) : TrainingCase.pet(id, c);
        if (!halved) {
            return full;
        }
        return new TrainingCase(id, Downsampling.image(full.image(), FULL_NX, FULL_NY, FULL_NZ),
                Downsampling.mask(full.mask(), FULL_NX, FULL_NY, FULL_NZ));
    }

    /**
     * Bottleneck features of every case of the cohort with this modality (and, with {@code masks},
     * the predicted mask of each, stored with its Dice against the physician's contour) into a
     * feature file in the store; replaces an earlier set of the same model and cohort.
     */
    public FeatureSet extract(long modelId, long cohortId, boolean masks, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        Model m = get(modelId);
        if (!"READY".equals(m.status()) || m.weightsSha256() == null) {
            throw new ValidationException("model " + m.name() + " is " + m.status() + ": only a trained (READY) model extracts features");
        }
        Long owner = db.select(COHORT.PROJECT_ID).from(COHORT).where(COHORT.ID.eq(cohortId)).fetchOne(COHORT.PROJECT_ID);
        if (owner == null || owner != m.projectId()) {
            throw new NotFoundException("No cohort " + cohortId + " in the model's project");
        }
        Map<String, Long> cases = cases(cohortId, m.modality());
        if (cases.isEmpty()) {
            throw new ValidationException("cohort " + cohortId + " has no pre-processed case with a " + m.modality() + " tumour");
        }
        boolean halved = m.settings().halved();
        List<String> ids = new ArrayList<>(cases.keySet());
        float[][] values = new float[ids.size()][];
        BottleneckFeatures names;
        try (SegmentationModel model = SegmentationModel.load(store.path(m.weightsSha256()), Devices.of(m.settings().device()))) {
            SegmentationInferer inferer = new SegmentationInferer(model);
            names = inferer.features();
            for (int i = 0; i < ids.size(); i++) {
                if (cancelled.getAsBoolean()) {
                    throw new io.segsurv.job.JobContext.JobCancelledException();
                }
                TrainingCase c = trainingCase(ids.get(i), cases.get(ids.get(i)), m.modality(), halved);
                values[i] = inferer.bottleneck(List.of(c.image()), 1).getFirst();
                if (masks) {
                    storeMask(modelId, cases.get(ids.get(i)), inferer.mask(c.image()), c.mask());
                }
                progress.report(0.99 * (i + 1) / ids.size(), "features of " + (i + 1) + " of " + ids.size() + " patients");
            }
        }
        char letter = m.modality().equals("CT") ? 'C' : 'P';
        FeatureFile file = new FeatureFile(modelId, letter, names.digits(), ids, values);
        String sha = store.write(file::write).sha256();
        int features = file.features();
        return tx.execute(s -> {
            db.deleteFrom(FEATURE_SET).where(FEATURE_SET.MODEL_ID.eq(modelId).and(FEATURE_SET.COHORT_ID.eq(cohortId))).execute();
            long id = db.insertInto(FEATURE_SET).set(FEATURE_SET.MODEL_ID, modelId).set(FEATURE_SET.COHORT_ID, cohortId)
                    .set(FEATURE_SET.SHA256, sha).set(FEATURE_SET.PATIENTS, ids.size()).set(FEATURE_SET.FEATURES, features)
                    .returning(FEATURE_SET.ID).fetchOne().getId();
            return new FeatureSet(id, modelId, cohortId, sha, ids.size(), features);
        });
    }

    /**
     * The cohort's feature set under the model: the stored one when it covers the cohort's current
     * cases (features are deterministic for a model), else a new extraction without masks.
     */
    public FeatureSet featuresOf(long modelId, long cohortId, Progress progress, BooleanSupplier cancelled) throws IOException {
        var row = db.selectFrom(FEATURE_SET).where(FEATURE_SET.MODEL_ID.eq(modelId).and(FEATURE_SET.COHORT_ID.eq(cohortId))).fetchOne();
        if (row != null && row.getPatients() == cases(cohortId, get(modelId).modality()).size()) {
            return new FeatureSet(row.getId(), modelId, cohortId, row.getSha256(), row.getPatients(), row.getFeatures());
        }
        return extract(modelId, cohortId, false, progress, cancelled);
    }

    private void storeMask(long modelId, long patientId, byte[] predicted, float[] truth) throws IOException {
        byte[] t = new byte[truth.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) (truth[i] > 0.5f ? 1 : 0);
        }
        double dice = DiceMetric.dice(predicted, t);
        String sha = store.write(out -> {
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(predicted);
            }
        }).sha256();
        tx.executeWithoutResult(s -> {
            db.deleteFrom(PREDICTED_MASK).where(PREDICTED_MASK.MODEL_ID.eq(modelId).and(PREDICTED_MASK.PATIENT_ID.eq(patientId))).execute();
            db.insertInto(PREDICTED_MASK).set(PREDICTED_MASK.MODEL_ID, modelId).set(PREDICTED_MASK.PATIENT_ID, patientId)
                    .set(PREDICTED_MASK.SHA256, sha).set(PREDICTED_MASK.DICE, Double.isFinite(dice) ? dice : null).execute();
        });
    }

    /** Dice of the stored predicted masks of a model, by patient pseudonym. */
    public Map<String, Double> maskDice(long modelId) {
        Map<String, Double> out = new LinkedHashMap<>();
        db.select(PATIENT.PSEUDONYM, PREDICTED_MASK.DICE).from(PREDICTED_MASK).join(PATIENT).on(PATIENT.ID.eq(PREDICTED_MASK.PATIENT_ID))
                .where(PREDICTED_MASK.MODEL_ID.eq(modelId)).orderBy(PATIENT.PSEUDONYM).forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    public FeatureFile features(FeatureSet set) {
        try (InputStream in = store.open(set.sha256())) {
            return FeatureFile.read(in, "feature set " + set.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<FeatureSet> featureSets(long modelId) {
        return db.selectFrom(FEATURE_SET).where(FEATURE_SET.MODEL_ID.eq(modelId)).orderBy(FEATURE_SET.ID)
                .fetch(r -> new FeatureSet(r.getId(), r.getModelId(), r.getCohortId(), r.getSha256(), r.getPatients(), r.getFeatures()));
    }

    /** The trained weights (a file in the store). */
    public Path weights(long modelId) {
        Model m = get(modelId);
        if (m.weightsSha256() == null) {
            throw new ValidationException("model " + m.name() + " has no weights yet (" + m.status() + ")");
        }
        return store.path(m.weightsSha256());
    }

    /** The model whose training job this is, if any. */
    public java.util.Optional<Model> trainedBy(long jobId) {
        return db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.JOB_ID.eq(jobId).and(TRAINED_MODEL.KIND.eq(KIND))).fetchOptional()
                .map(this::model);
    }

    public Model get(long modelId) {
        Record r = db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.ID.eq(modelId).and(TRAINED_MODEL.KIND.eq(KIND))).fetchOne();
        if (r == null) {
            throw new NotFoundException("No segmentation model " + modelId);
        }
        return model(r);
    }

    public List<Model> list(long projectId) {
        return db.selectFrom(TRAINED_MODEL).where(TRAINED_MODEL.PROJECT_ID.eq(projectId).and(TRAINED_MODEL.KIND.eq(KIND)))
                .orderBy(TRAINED_MODEL.ID.desc()).fetch(this::model);
    }

    public List<Epoch> epochs(long modelId) {
        return db.selectFrom(TRAINING_EPOCH).where(TRAINING_EPOCH.MODEL_ID.eq(modelId)).orderBy(TRAINING_EPOCH.EPOCH)
                .fetch(r -> new Epoch(r.getEpoch(), r.getLearningRate(), r.getTrainLoss(), r.getTrainDice(), r.getValidationDiceMean(),
                        r.getValidationDiceSd(), JSON.readValue(r.getValidationDice(), new TypeReference<LinkedHashMap<String, Double>>() {
                        }), r.getSeconds()));
    }

    /** Training and validation patients (pseudonyms) of a trained model. */
    public Map<String, List<String>> split(long modelId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("TRAIN", new ArrayList<>());
        out.put("VALIDATION", new ArrayList<>());
        db.select(TRAINING_SPLIT.ROLE, PATIENT.PSEUDONYM).from(TRAINING_SPLIT).join(PATIENT).on(PATIENT.ID.eq(TRAINING_SPLIT.PATIENT_ID))
                .where(TRAINING_SPLIT.MODEL_ID.eq(modelId)).orderBy(PATIENT.PSEUDONYM)
                .forEach(r -> out.get(r.value1()).add(r.value2()));
        return out;
    }

    /** Deletes the model, its epochs, split, masks and feature sets, and its checkpoints (stored files stay until verified away). */
    public void delete(long modelId) {
        get(modelId);
        db.deleteFrom(TRAINED_MODEL).where(TRAINED_MODEL.ID.eq(modelId)).execute();
        Path dir = modelsDir.resolve(Long.toString(modelId));
        if (Files.isDirectory(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the checkpoints of model " + modelId + " in " + dir, e);
            }
        }
    }

    private Model model(Record rec) {
        var r = rec.into(TRAINED_MODEL);
        Map<String, Object> cfg = JSON.readValue(r.getConfiguration(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return new Model(r.getId(), r.getProjectId(), r.getCohortId(), r.getName(), r.getModality(), r.getStatus(),
                ModelSettings.from(cfg, "small"), r.getCodeVersion(), r.getWeightsSha256(), r.getEpochs(), r.getBestEpoch(),
                r.getBestValidationDice(), r.getSecondsPerStep(), r.getJobId(), r.getCreatedAt());
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.audit.AuditService;
import io.segsurv.base.ValidationException;
import io.segsurv.job.Job;
import io.segsurv.job.JobService;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segmentation models for users: every call checks project membership (reading: any member;
 * training, extracting, deleting: PI and RESEARCHER) and submits the long work as jobs, so that the
 * progress and per-epoch metrics can be followed while they run.
 */
@Service
public class ModelService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SegmentationModels models;
    private final ProjectAccess access;
    private final JobService jobs;
    private final CurrentUser currentUser;
    private final AuditService audit;

    public ModelService(SegmentationModels models, ProjectAccess access, JobService jobs, CurrentUser currentUser, AuditService audit) {
        this.models = models;
        this.access = access;
        this.jobs = jobs;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    public List<SegmentationModels.Model> list(long projectId) {
        access.requireMember(projectId);
        return models.list(projectId);
    }

    /** The model a training job trains (a segmentation.train job, or an experiment's train step), if any. */
    public java.util.Optional<SegmentationModels.Model> trainedBy(long jobId) {
        return models.trainedBy(jobId).filter(m -> access.role(m.projectId()).isPresent());
    }

    public SegmentationModels.Model get(long modelId) {
        SegmentationModels.Model m = models.get(modelId);
        access.requireMember(m.projectId());
        return m;
    }

    /** Live training curve: one entry per finished epoch. */
    public List<SegmentationModels.Epoch> epochs(long modelId) {
        get(modelId);
        return models.epochs(modelId);
    }

    public Map<String, List<String>> split(long modelId) {
        get(modelId);
        return models.split(modelId);
    }

    public List<SegmentationModels.FeatureSet> featureSets(long modelId) {
        get(modelId);
        return models.featureSets(modelId);
    }

    /** Records the model and queues its training job (a GPU worker's when the settings say gpu). */
    public Job train(long projectId, long cohortId, String modality, String name, ModelSettings settings) {
        access.requireManageData(projectId);
        long id = models.create(projectId, cohortId, modality, name, settings, currentUser.id());
        Job job = jobs.submit(SegmentationTrainJob.KIND, projectId, JSON.writeValueAsString(Map.of("modelId", id)),
                settings.device().equals("gpu"));
        models.setJob(id, job.id());
        audit.record(currentUser.actor(), "MODEL_TRAINING_SUBMITTED", projectId, null, "model " + id, modality + " on cohort " + cohortId);
        return job;
    }

    /** Queues the feature extraction (and mask prediction) of a cohort under a trained model. */
    public Job extract(long modelId, long cohortId, boolean masks) {
        SegmentationModels.Model m = get(modelId);
        access.requireManageData(m.projectId());
        if (!"READY".equals(m.status())) {
            throw new ValidationException("model " + m.name() + " is " + m.status() + ": only a trained (READY) model extracts features");
        }
        return jobs.submit(FeatureExtractionJob.KIND, m.projectId(),
                JSON.writeValueAsString(Map.of("modelId", modelId, "cohortId", cohortId, "masks", masks)), m.settings().device().equals("gpu"));
    }

    public void delete(long modelId) {
        SegmentationModels.Model m = get(modelId);
        access.requireManageData(m.projectId());
        if ("TRAINING".equals(m.status()) && m.jobId() != null) {
            Job job = jobs.get(m.jobId());
            if (job.state().name().equals("RUNNING") || job.state().name().equals("QUEUED")) {
                throw new ValidationException("model " + m.name() + " is training (job " + job.id() + "): cancel the job first");
            }
        }
        models.delete(modelId);
        audit.record(currentUser.actor(), "MODEL_DELETED", m.projectId(), null, "model " + modelId, m.name());
    }
}

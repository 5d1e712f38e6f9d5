/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.job.JobContext;
import io.segsurv.job.JobHandler;
import io.segsurv.segmentation.engines.TrainingResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job {@code segmentation.train}: trains a model recorded by {@link SegmentationModels#create}.
 * Parameters {@code {"modelId": 1}}. Resumable: a worker that dies leaves the last epoch's
 * checkpoint, and the retried job continues from it to the same result. Cancelling keeps the
 * checkpoint; retrying the cancelled job resumes.
 */
@Component
class SegmentationTrainJob implements JobHandler {

    static final String KIND = "segmentation.train";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SegmentationModels models;

    SegmentationTrainJob(SegmentationModels models) {
        this.models = models;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Train a segmentation U-Net";
    }

    /** Progress that never throws: a cancellation it notices is acted on at the next cancellation check. */
    static SegmentationModels.Progress progress(JobContext context) {
        return (fraction, message) -> {
            try {
                context.progress(fraction, message);
            } catch (JobContext.JobCancelledException e) {
                // the trainer asks at its next step
            }
        };
    }

    @Override
    public boolean interruptOnCancel() {
        return false; // stops at the next step, never half-way through a checkpoint or a native call
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode p = JSON.readTree(context.parameters());
        long modelId = p.path("modelId").asLong();
        context.log("training model " + modelId + " (resumes from its last checkpoint if there is one)");
        TrainingResult r = models.train(modelId, progress(context), context::isCancelled);
        if (r.status() == TrainingResult.Status.CANCELLED) {
            context.log("cancelled after epoch " + r.epochs() + "; retrying the job resumes from there");
            throw new JobContext.JobCancelledException();
        }
        String line = String.format(java.util.Locale.ROOT, "%s after %d epochs; best validation Dice %.3f at epoch %d; %.2f s per step",
                r.status(), r.epochs(), r.bestValidationDice(), r.bestEpoch(), r.secondsPerStep());
        context.log(line);
        context.progress(1.0, line);
    }
}

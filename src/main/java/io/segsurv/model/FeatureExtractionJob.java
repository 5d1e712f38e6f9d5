/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.job.JobContext;
import io.segsurv.job.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job {@code segmentation.extract}: the bottleneck features of a cohort under a trained model, and
 * (with {@code "masks": true}) its predicted masks with their Dice. Parameters
 * {@code {"modelId": 1, "cohortId": 2, "masks": true}}. Idempotent: a rerun replaces the set.
 */
@Component
class FeatureExtractionJob implements JobHandler {

    static final String KIND = "segmentation.extract";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SegmentationModels models;

    FeatureExtractionJob(SegmentationModels models) {
        this.models = models;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Extract bottleneck features";
    }

    @Override
    public boolean interruptOnCancel() {
        return false; // stops at the next step, never half-way through a checkpoint or a native call
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode p = JSON.readTree(context.parameters());
        SegmentationModels.FeatureSet set = models.extract(p.path("modelId").asLong(), p.path("cohortId").asLong(),
                p.path("masks").asBoolean(true), SegmentationTrainJob.progress(context), context::isCancelled);
        String line = set.features() + " features of " + set.patients() + " patients (feature set " + set.id() + ")";
        context.log(line);
        context.progress(1.0, line);
    }
}

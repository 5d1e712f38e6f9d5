/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model.api;

import io.segsurv.base.ValidationException;
import io.segsurv.job.Job;
import io.segsurv.model.ModelService;
import io.segsurv.model.ModelSettings;
import io.segsurv.model.SegmentationModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Segmentation models")
class ModelController {

    private final ModelService models;

    ModelController(ModelService models) {
        this.models = models;
    }

    @GetMapping("/projects/{projectId}/models")
    @Operation(summary = "Segmentation models of a project (members)")
    List<SegmentationModels.Model> list(@PathVariable long projectId) {
        return models.list(projectId);
    }

    /** Body of POST /projects/{id}/models: settings as in a --config file (size, epochs, ...). */
    record NewModel(Long cohortId, String modality, String name, Map<String, Object> settings) {
    }

    @PostMapping("/projects/{projectId}/models")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Train a U-Net on a cohort as a job (PI and RESEARCHER); returns the job")
    Job train(@PathVariable long projectId, @RequestBody NewModel body) {
        if (body.cohortId() == null) {
            throw new ValidationException("cohortId is required");
        }
        ModelSettings settings;
        try {
            settings = ModelSettings.from(body.settings() == null ? Map.of() : body.settings(), "small");
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage());
        }
        return models.train(projectId, body.cohortId(), body.modality(), body.name(), settings);
    }

    @GetMapping("/models/{modelId}")
    SegmentationModels.Model get(@PathVariable long modelId) {
        return models.get(modelId);
    }

    @GetMapping("/models/{modelId}/epochs")
    @Operation(summary = "Per-epoch metrics (loss, train Dice, validation Dice per case, mean and SD), live while training")
    List<SegmentationModels.Epoch> epochs(@PathVariable long modelId) {
        return models.epochs(modelId);
    }

    @GetMapping("/models/{modelId}/split")
    Map<String, List<String>> split(@PathVariable long modelId) {
        return models.split(modelId);
    }

    @GetMapping("/models/{modelId}/feature-sets")
    List<SegmentationModels.FeatureSet> featureSets(@PathVariable long modelId) {
        return models.featureSets(modelId);
    }

    /** Body of POST /models/{id}/extract. */
    record Extraction(Long cohortId, Boolean masks) {
    }

    @PostMapping("/models/{modelId}/extract")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Extract the bottleneck features (and predicted masks) of a cohort as a job; returns the job")
    Job extract(@PathVariable long modelId, @RequestBody Extraction body) {
        if (body.cohortId() == null) {
            throw new ValidationException("cohortId is required");
        }
        return models.extract(modelId, body.cohortId(), body.masks() == null || body.masks());
    }

    @DeleteMapping("/models/{modelId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long modelId) {
        models.delete(modelId);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.base.chart.ChartOption;
import io.segsurv.base.chart.TrainingCurves;
import io.segsurv.job.JobCharts;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The training curves of the U-Net a job trains (a segmentation.train job or an experiment's train step). */
@Component
class TrainingJobCharts implements JobCharts {

    private final ModelService models;

    TrainingJobCharts(ModelService models) {
        this.models = models;
    }

    @Override
    public Optional<ChartOption> chartOf(long jobId) {
        return models.trainedBy(jobId).map(m -> TrainingCurves.of("Training of " + m.name() + " (" + m.status().toLowerCase() + ")",
                models.epochs(m.id()).stream().map(e -> new TrainingCurves.Epoch(e.epoch(), e.trainLoss(), e.trainDice(),
                        e.validationMean(), e.validationSd())).toList()));
    }
}

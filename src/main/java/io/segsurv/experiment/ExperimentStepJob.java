/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import io.segsurv.job.JobContext;
import io.segsurv.job.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Job {@code experiment.step}: one step of an experiment run, parameters
 * {@code {"runId": 1, "step": "train-CT"}}. When it finishes, the steps that were waiting for it
 * are queued as their own jobs, so independent steps (the CT and PET networks, the endpoints) run
 * on different workers at once. Retried after a crash: a training resumes from its checkpoint.
 */
@Component
class ExperimentStepJob implements JobHandler {

    private final StepRunner steps;

    ExperimentStepJob(StepRunner steps) {
        this.steps = steps;
    }

    @Override
    public String kind() {
        return ExperimentRuns.STEP_JOB;
    }

    @Override
    public String title() {
        return "Experiment step";
    }

    @Override
    public boolean interruptOnCancel() {
        return false; // a training stops at its next step, never half-way through a checkpoint or a native call
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode p = ExperimentSteps.JSON.readTree(context.parameters());
        long runId = p.path("runId").asLong();
        String step = p.path("step").asString();
        context.log("run " + runId + ", step " + step);
        try {
            if (!steps.run(runId, step, ExperimentSteps.of(context), context::isCancelled)) {
                context.log(step + " had already finished");
            }
        } catch (ExperimentSteps.Cancelled e) {
            throw new JobContext.JobCancelledException();
        }
        context.progress(1.0, step + " finished");
    }
}

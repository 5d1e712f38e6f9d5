/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Runs one step of a stored run: marks it running (again, after a crash), computes it from the
 * outputs of the steps before it, and records its output; a step that has already finished is
 * not run twice (a worker killed after the step but before its job finished).
 */
@Component
public class StepRunner {

    private final ExperimentRuns runs;
    private final ExperimentSteps steps;

    public StepRunner(ExperimentRuns runs, ExperimentSteps steps) {
        this.runs = runs;
        this.steps = steps;
    }

    /** Returns false when the step had already finished (its successors are queued again if needed). */
    public boolean run(long runId, String step, ExperimentSteps.Reporter reporter, BooleanSupplier cancelled) throws IOException {
        ExperimentRuns.Run run = runs.run(runId);
        if (!runs.start(runId, step)) {
            if ("JOBS".equals(run.mode())) {
                runs.submitReady(runId);
            }
            return false;
        }
        String[] lastLog = new String[1];
        ExperimentSteps.Reporter recording = new ExperimentSteps.Reporter() {
            private long lastWrite;

            @Override
            public void progress(double fraction, String message) {
                reporter.progress(fraction, message);
                long now = System.nanoTime();
                if (now - lastWrite > 500_000_000L || fraction >= 1) { // at most two progress writes a second
                    lastWrite = now;
                    runs.progress(runId, step, fraction, message);
                }
            }

            @Override
            public void log(String message) {
                lastLog[0] = message;
                reporter.log(message);
            }

            @Override
            public Long jobId() {
                return reporter.jobId();
            }
        };
        try {
            Map<String, Object> output = steps.execute(new ExperimentSteps.Run(runId, run.projectId(), run.experimentName(), run.version(),
                    run.config()), step, runs.outputs(runId), recording, cancelled);
            runs.complete(runId, step, output, lastLog[0]);
            return true;
        } catch (ExperimentSteps.Cancelled e) {
            runs.stopped(runId, step, ExperimentRuns.StepState.CANCELLED, "cancelled");
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            runs.stopped(runId, step, ExperimentRuns.StepState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }
}

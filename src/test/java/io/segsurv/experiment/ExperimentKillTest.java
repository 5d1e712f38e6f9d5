/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static io.segsurv.db.generated.Tables.EXPERIMENT_RUN;
import static io.segsurv.db.generated.Tables.EXPERIMENT_STEP;
import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.JOB_LOG;
import static io.segsurv.db.generated.Tables.TRAINED_MODEL;
import static io.segsurv.db.generated.Tables.TRAINING_EPOCH;
import static io.segsurv.db.generated.Tables.WORKER_NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.testsupport.PostgresDatabase;
import io.segsurv.testsupport.SegSurvProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale-out test: one web process and two worker processes on one PostgreSQL database
 * (sharing a data directory, as workers on several machines share a network file store). An
 * experiment is queued; the worker training a U-Net is killed with SIGKILL after its first epoch;
 * the other worker takes the step over, resumes the training from its checkpoint and the run
 * completes; its results equal those of an undisturbed headless run of the same configuration.
 */
class ExperimentKillTest {

    private static final int STALE_AFTER_SECONDS = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String CONFIG = """
            name: %s
            cohort: kill-train
            synthetic: {patients: 36, profile: small}
            modalities: [CT, PET]
            segmentation: {size: small, epochs: 4, learningRate: 0.001, seed: 2}
            endpoints: [2OS, 2DS]
            folds: 4
            k: "2:6"
            restarts: 2
            innerFolds: 4
            seed: 3
            baselines: [TLG]
            """;

    @TempDir
    Path dir;

    @Test
    void anExperimentSurvivesAKilledWorkerWithTheSameResults() throws Exception {
        String url = PostgresDatabase.createDatabase("expkill");
        Path data = dir.resolve("data");
        Path queued = Files.writeString(dir.resolve("queued.yaml"), CONFIG.formatted("killed"));
        Path undisturbed = Files.writeString(dir.resolve("undisturbed.yaml"), CONFIG.formatted("undisturbed"));
        try (SegSurvProcesses ps = new SegSurvProcesses(url, dir.resolve("logs"), STALE_AFTER_SECONDS)) {
            // queued from the command line (creates the schema, generates and imports the cohort)
            assertThat(ps.call("launch", 300, "experiment", "launch", "--config", queued.toString(), "--project", "kill",
                    "--synth-seed", "5", "--work", dir.resolve("work").toString(), "--data", data.toString()))
                    .as(ps.log("launch")).isZero();
            long runId = ps.query(db -> db.select(EXPERIMENT_RUN.ID).from(EXPERIMENT_RUN).fetchOne(EXPERIMENT_RUN.ID));

            int port = freePort();
            ps.start("web", "serve", "--no-jobs", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dicom-port", Integer.toString(freePort()), "--data", data.toString());
            ps.start("worker-a", "worker", "--name", "worker-a", "--data", data.toString());
            ps.start("worker-b", "worker", "--name", "worker-b", "--data", data.toString());
            ps.await("both workers registered", 180, () -> ps.query(db -> db.fetchCount(WORKER_NODE) == 2));

            // a worker training a U-Net, after its first epoch: kill it
            ps.await("a U-Net trained for an epoch", 300, () -> ps.query(db -> db.fetchExists(db.select(TRAINING_EPOCH.MODEL_ID)
                    .from(TRAINING_EPOCH).join(TRAINED_MODEL).on(TRAINED_MODEL.ID.eq(TRAINING_EPOCH.MODEL_ID))
                    .where(TRAINED_MODEL.STATUS.eq("TRAINING")))));
            var victimStep = ps.query(db -> db.select(EXPERIMENT_STEP.NAME, JOB.ID, JOB.WORKER).from(EXPERIMENT_STEP)
                    .join(JOB).on(JOB.ID.eq(EXPERIMENT_STEP.JOB_ID))
                    .where(EXPERIMENT_STEP.RUN_ID.eq(runId).and(EXPERIMENT_STEP.NAME.startsWith("train-")).and(JOB.STATE.eq("RUNNING")))
                    .orderBy(EXPERIMENT_STEP.POSITION).limit(1).fetchOne());
            assertThat(victimStep).as("a training step running on a worker").isNotNull();
            String victim = victimStep.value3();
            ps.kill(victim);
            String survivor = victim.equals("worker-a") ? "worker-b" : "worker-a";
            System.out.println("ExperimentKillTest: killed " + victim + " while it ran " + victimStep.value1());

            ps.await("the run finished", 600, () -> ps.query(db -> db.fetchExists(EXPERIMENT_RUN,
                    EXPERIMENT_RUN.ID.eq(runId).and(EXPERIMENT_RUN.FINISHED_AT.isNotNull()))
                    || db.fetchExists(JOB, JOB.STATE.in("FAILED", "CANCELLED"))));
            var job = ps.query(db -> db.selectFrom(JOB).where(JOB.ID.eq(victimStep.value2())).fetchOne());
            assertThat(job.getState()).isEqualTo("SUCCEEDED");
            assertThat(job.getWorker()).isEqualTo(survivor);
            assertThat(job.getAttempts()).isEqualTo(2);
            List<String> log = ps.query(db -> db.select(JOB_LOG.MESSAGE).from(JOB_LOG).where(JOB_LOG.JOB_ID.eq(victimStep.value2()))
                    .orderBy(JOB_LOG.ID).fetch(JOB_LOG.MESSAGE));
            assertThat(log).contains("worker " + victim + " stopped responding; queued again")
                    .anyMatch(l -> l.contains("resuming the training"));
            int succeeded = ps.query(db -> db.fetchCount(EXPERIMENT_STEP, EXPERIMENT_STEP.RUN_ID.eq(runId)
                    .and(EXPERIMENT_STEP.STATE.eq("SUCCEEDED"))));
            assertThat(succeeded).as("steps train x2, features x2, cv x2, summary").isEqualTo(7);

            // the web node serves the run to a signed-in client (the browser's pages are tested elsewhere)
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/runs/" + runId)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("the run's API needs a login").isEqualTo(401);

            // the same configuration, undisturbed, headless, with its own networks
            assertThat(ps.call("undisturbed", 600, "experiment", "run", "--config", undisturbed.toString(), "--project", "kill",
                    "--out", dir.resolve("out").toString(), "--data", data.toString())).as(ps.log("undisturbed")).isZero();
            JsonNode reference = JSON.readTree(Files.readString(dir.resolve("out/results.json")));
            String killedJson = ps.query(db -> db.select(EXPERIMENT_RUN.RESULTS).from(EXPERIMENT_RUN)
                    .where(EXPERIMENT_RUN.ID.eq(runId)).fetchOne(EXPERIMENT_RUN.RESULTS));
            JsonNode killed = JSON.readTree(killedJson);
            for (String modality : List.of("CT", "PET")) {
                assertThat(killed.get("models").get(modality).get("bestValidationDice").asDouble()).as(modality + " validation Dice")
                        .isEqualTo(reference.get("models").get(modality).get("bestValidationDice").asDouble());
            }
            for (String endpoint : List.of("2OS", "2DS")) {
                assertThat(killed.get("endpoints").get(endpoint).get("folds"))
                        .as(endpoint + " folds: selected features, predictions, metrics").isEqualTo(reference.get("endpoints").get(endpoint).get("folds"));
                assertThat(killed.get("endpoints").get(endpoint).get("summary")).isEqualTo(reference.get("endpoints").get(endpoint).get("summary"));
                assertThat(killed.get("endpoints").get(endpoint).get("baselines")).isEqualTo(reference.get("endpoints").get(endpoint).get("baselines"));
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

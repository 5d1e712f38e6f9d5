/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.SCHEDULED_TASKS;
import static io.segsurv.db.generated.Tables.WORKER_NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.job.JobTasks;
import io.segsurv.testsupport.PostgresDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands as users run them: separate JVMs started with the application's main class and
 * the database chosen by the environment variables, on H2 (shared between processes with
 * AUTO_SERVER) and on PostgreSQL.
 */
class CommandLineTest {

    @TempDir
    Path data;

    record Result(int exitCode, String output) {
    }

    @Test
    void helpListsTheSubcommands() throws Exception {
        Result r = run(Map.of(), "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("serve", "demo", "worker", "user", "import", "synth", "--version");
        Result serve = run(Map.of(), "serve", "--help");
        assertThat(serve.output()).contains("--data", "--port");
        Result bad = run(Map.of(), "serve", "--port", "eighty");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("Invalid value for option '--port'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void usersAreManagedFromTheCommandLine(String database) throws Exception {
        Map<String, String> env = environment(database);
        Result add = run(Map.of("SEGSURV_NEW_PASSWORD", "cli-password-1", "SEGSURV_DB_URL", env.get("SEGSURV_DB_URL")),
                "user", "add", "carol", "--display-name", "Carol CLI", "--data", data.toString());
        assertThat(add.exitCode()).as(add.output()).isZero();
        assertThat(add.output()).contains("Created user carol");

        Result again = run(Map.of("SEGSURV_NEW_PASSWORD", "cli-password-1", "SEGSURV_DB_URL", env.get("SEGSURV_DB_URL")),
                "user", "add", "carol", "--data", data.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.output()).contains("error: Username 'carol' is already taken");

        Result weak = run(Map.of("SEGSURV_NEW_PASSWORD", "short", "SEGSURV_DB_URL", env.get("SEGSURV_DB_URL")),
                "user", "add", "dave", "--data", data.toString());
        assertThat(weak.exitCode()).isEqualTo(2);
        assertThat(weak.output()).contains("Password must have at least 10 characters");

        Path out = data.resolve("users.json");
        Result list = run(env, "user", "list", "--out", out.toString(), "--data", data.toString());
        assertThat(list.exitCode()).as(list.output()).isZero();
        JsonNode users = JsonMapper.builder().build().readTree(Files.readString(out)).get("users");
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.get("username").asString()));
        assertThat(names).containsExactlyInAnyOrder("admin", "carol");
        assertThat(Files.readString(out)).doesNotContain("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aWorkerProcessTakesAJobFromTheSharedDatabaseAndUnregistersOnStop(String database) throws Exception {
        Map<String, String> env = environment(database);
        // create the schema with a first run, then queue a job the way the web node does
        assertThat(run(env, "user", "list", "--data", data.toString()).exitCode()).isZero();
        long jobId;
        // this connection stays open, so that with H2 the test process serves the database (AUTO_SERVER) and the
        // worker is a client whose exit cannot close the database under its own shutdown
        try (Connection held = DriverManager.getConnection(env.get("SEGSURV_DB_URL"), env.get("SEGSURV_DB_USER"), "")) {
            jobId = dsl(held, database).insertInto(JOB).set(JOB.KIND, "filestore.verify").returning(JOB.ID).fetchOne().getId();
            dsl(held, database).insertInto(SCHEDULED_TASKS).set(SCHEDULED_TASKS.TASK_NAME, JobTasks.CPU_TASK)
                    .set(SCHEDULED_TASKS.TASK_INSTANCE, Long.toString(jobId)).set(SCHEDULED_TASKS.EXECUTION_TIME, OffsetDateTime.now())
                    .set(SCHEDULED_TASKS.PICKED, false).set(SCHEDULED_TASKS.VERSION, 1L).execute();
            Process worker = start(env, "worker", "--name", "cli-worker", "--data", data.toString());
            try {
                String state = "";
                String by = null;
                boolean registered = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline && !"SUCCEEDED".equals(state)) {
                    Thread.sleep(500);
                    assertThat(worker.isAlive()).as("worker process is running").isTrue();
                    try (Connection c = DriverManager.getConnection(env.get("SEGSURV_DB_URL"), env.get("SEGSURV_DB_USER"), "")) {
                        var row = dsl(c, database).select(JOB.STATE, JOB.WORKER).from(JOB).where(JOB.ID.eq(jobId)).fetchOne();
                        state = row.value1();
                        by = row.value2();
                        registered |= dsl(c, database).fetchExists(WORKER_NODE, WORKER_NODE.NAME.eq("cli-worker"));
                    }
                }
                assertThat(state).isEqualTo("SUCCEEDED");
                assertThat(by).isEqualTo("cli-worker");
                assertThat(registered).isTrue();
            } finally {
                worker.destroy(); // SIGTERM: graceful shutdown
                assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(dsl(held, database).fetchExists(WORKER_NODE, WORKER_NODE.NAME.eq("cli-worker"))).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void synthThenImportFillsACohortWithPreprocessedPatients(String database) throws Exception {
        Map<String, String> env = environment(database);
        Path cohort = data.resolve("synthetic");
        Result synth = run(env, "synth", "--patients", "2", "--seed", "5", "--profile", "small", "--out", cohort.toString());
        assertThat(synth.exitCode()).as(synth.output()).isZero();
        assertThat(run(env, "user", "list", "--data", data.toString()).exitCode()).isZero(); // creates the schema
        try (Connection c = DriverManager.getConnection(env.get("SEGSURV_DB_URL"), env.get("SEGSURV_DB_USER"), "")) {
            dsl(c, database).execute("insert into project (name) values ('Lung study')");
        }
        Path report = data.resolve("report.json");
        Result imported = run(env, "import", cohort.toString(), "--project", "Lung study", "--cohort", "UIHC",
                "--clinical", cohort.resolve("clinical.csv").toString(), "--out", report.toString(), "--data", data.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("created cohort 'UIHC'", "2 patient(s) stored, 0 rejected", "pre-processed: tumour",
                "2 clinical record(s) stored");
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report));
        assertThat(json.get("patientsStored").asInt()).isEqualTo(2);
        Result again = run(env, "import", cohort.toString(), "--project", "Lung study", "--cohort", "UIHC", "--data", data.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("0 file(s) stored").contains("UNCHANGED");
        Result missing = run(env, "import", cohort.toString(), "--project", "No such study", "--cohort", "X", "--data", data.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("error: No project named 'No such study'");
    }

    @Test
    void trainsAndExtractsFromTheCommandLine() throws Exception {
        // the scripted path of issue 5: synthetic cohort -> import -> train (small) -> extract -> stats
        Map<String, String> env = environment("h2");
        Path synth = data.resolve("synth");
        assertThat(run(env, "synth", "--patients", "6", "--seed", "5", "--profile", "small", "--out", synth.toString()).exitCode()).isZero();
        assertThat(run(env, "user", "list", "--data", data.toString()).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection(env.get("SEGSURV_DB_URL"), env.get("SEGSURV_DB_USER"), "")) {
            dsl(c, "h2").insertInto(io.segsurv.db.generated.Tables.PROJECT).set(io.segsurv.db.generated.Tables.PROJECT.NAME, "cli-project").execute();
        }
        Result imported = run(env, "import", synth.toString(), "--project", "cli-project", "--cohort", "train", "--clinical",
                synth.resolve("clinical.csv").toString(), "--data", data.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();

        Path config = Files.writeString(data.resolve("unet.yaml"), "size: small\nepochs: 5\nseed: 4\nlearningRate: 0.001\n");
        Path model = data.resolve("models/ct.safetensors");
        Path summary = data.resolve("train.json");
        Result train = run(env, "train", "--project", "cli-project", "--cohort", "train", "--modality", "CT", "--config", config.toString(),
                "--epochs", "2", "--out", model.toString(), "--summary", summary.toString(), "--data", data.toString());
        assertThat(train.exitCode()).as(train.output()).isZero();
        assertThat(train.output()).contains("epoch 1/2", "epoch 2/2");
        JsonNode s = JsonMapper.builder().build().readTree(Files.readString(summary));
        assertThat(s.get("modelId").asLong()).isPositive();
        assertThat(s.get("epochs").asInt()).isEqualTo(2); // --epochs overrides the config
        assertThat(s.get("bestEpoch").asInt()).isBetween(1, 2);
        assertThat(s.get("bestValidationDice").asDouble()).isBetween(0.0, 1.0);
        assertThat(s.get("validationDice").size()).isPositive();
        assertThat(s.get("secondsPerStep").asDouble()).isPositive();
        assertThat(s.get("settings").get("learningRate").asDouble()).isEqualTo(0.001);
        assertThat(Files.size(model)).isGreaterThan(100_000);

        // the PET network trains the same way (its own model; PET features are P00000...)
        Result pet = run(env, "train", "--project", "cli-project", "--cohort", "train", "--modality", "PET", "--size", "small",
                "--epochs", "1", "--out", data.resolve("models/pet.safetensors").toString(), "--data", data.toString());
        assertThat(pet.exitCode()).as(pet.output()).isZero();
        assertThat(pet.output()).contains("epoch 1/1");

        Path features = data.resolve("features.csv");
        Result extract = run(env, "extract", "--model", model.toString(), "--cohort", "train", "--out", features.toString(),
                "--masks", "--data", data.toString());
        assertThat(extract.exitCode()).as(extract.output()).isZero();
        assertThat(extract.output()).contains("6912 features of 6 patients", "predicted masks: mean Dice");
        List<String> rows = Files.readAllLines(features);
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0).substring(0, 17)).isEqualTo("PatientID,C00000,");
        assertThat(rows.get(1).split(",")).hasSize(6913);

        // the features feed the statistics commands directly
        Path medoids = data.resolve("medoids.json");
        Result km = run(env, "stats", "kmedoids", "--input", features.toString(), "--k", "3", "--restarts", "2", "--out", medoids.toString());
        assertThat(km.exitCode()).as(km.output()).isZero();
        assertThat(JsonMapper.builder().build().readTree(Files.readString(medoids)).get("medoids").size()).isEqualTo(3);

        Result bad = run(env, "extract", "--model", config.toString(), "--cohort", "train", "--out", features.toString(), "--data", data.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("unet.yaml: not a SegSurv weights file");
    }

    private Map<String, String> environment(String database) {
        if (database.equals("h2")) {
            return Map.of("SEGSURV_DB_URL", "jdbc:h2:file:" + data.resolve("db/segsurv")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE",
                    "SEGSURV_DB_USER", "sa");
        }
        return Map.of("SEGSURV_DB_URL", PostgresDatabase.createDatabase("cli"), "SEGSURV_DB_USER", "postgres");
    }

    private static DSLContext dsl(Connection c, String database) {
        return DSL.using(c, database.equals("h2") ? SQLDialect.H2 : SQLDialect.POSTGRES);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.segsurv.SegSurv"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(data.resolve("process-" + System.nanoTime() + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.segsurv.SegSurv"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

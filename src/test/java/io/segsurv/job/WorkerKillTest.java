/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.JOB_LOG;
import static io.segsurv.db.generated.Tables.SCHEDULED_TASKS;
import static io.segsurv.db.generated.Tables.WORKER_NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.testsupport.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code worker} processes on one PostgreSQL database; the one that runs a job is killed with
 * SIGKILL in the middle of it; the job engine declares its execution dead and the other worker runs
 * the job again to the end, as attempt 2.
 */
class WorkerKillTest {

    private static final int STALE_AFTER_SECONDS = 8;

    @TempDir
    Path data;

    @Test
    void aJobOfAKilledWorkerIsRetriedOnTheOtherWorker() throws Exception {
        String url = PostgresDatabase.createDatabase("kill");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SEGSURV_DB_URL", url);
        env.put("SEGSURV_DB_USER", "postgres");
        env.put("SEGSURV_JOBS_POLLSECONDS", "1");
        env.put("SEGSURV_JOBS_STALEAFTERSECONDS", Integer.toString(STALE_AFTER_SECONDS));
        Map<String, Process> workers = new LinkedHashMap<>();
        try {
            // the first worker creates the schema; the second starts once it is there
            workers.put("kill-a", start(env, "worker", "--name", "kill-a", "--data", data.resolve("a").toString()));
            await("worker kill-a registered", 180, () -> query(url, db -> db.fetchExists(WORKER_NODE, WORKER_NODE.NAME.eq("kill-a"))), workers);
            workers.put("kill-b", start(env, "worker", "--name", "kill-b", "--data", data.resolve("b").toString()));
            await("worker kill-b registered", 180, () -> query(url, db -> db.fetchExists(WORKER_NODE, WORKER_NODE.NAME.eq("kill-b"))), workers);

            // queue a job the way the web node does: the job row and its execution together
            long jobId = query(url, db -> db.transactionResult(c -> {
                long id = c.dsl().insertInto(JOB).set(JOB.KIND, StepsTestJob.KIND).set(JOB.MAX_ATTEMPTS, 3)
                        .set(JOB.PARAMETERS, "{\"steps\": 40, \"millis\": 250}").returning(JOB.ID).fetchOne().getId();
                c.dsl().insertInto(SCHEDULED_TASKS).set(SCHEDULED_TASKS.TASK_NAME, JobTasks.CPU_TASK)
                        .set(SCHEDULED_TASKS.TASK_INSTANCE, JobTasks.instanceId(id, 0)).set(SCHEDULED_TASKS.EXECUTION_TIME, OffsetDateTime.now())
                        .set(SCHEDULED_TASKS.PICKED, false).set(SCHEDULED_TASKS.VERSION, 1L).execute();
                return id;
            }));

            await("job running with progress", 60, () -> query(url, db -> db.fetchExists(JOB,
                    JOB.ID.eq(jobId).and(JOB.STATE.eq("RUNNING")).and(JOB.PROGRESS.gt(0.1)))), workers);
            String victim = query(url, db -> db.select(JOB.WORKER).from(JOB).where(JOB.ID.eq(jobId)).fetchOne(JOB.WORKER));
            String survivor = victim.equals("kill-a") ? "kill-b" : "kill-a";
            Process killed = workers.remove(victim);
            killed.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no goodbye to the database
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();

            await("job taken over by " + survivor, 60, () -> query(url, db -> db.fetchExists(JOB,
                    JOB.ID.eq(jobId).and(JOB.WORKER.eq(survivor)))), workers);
            long takeoverSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
            System.out.println("WorkerKillTest: " + survivor + " took the job over " + takeoverSeconds + " s after " + victim + " was killed");
            assertThat(takeoverSeconds).as("seconds until the other worker took over").isLessThanOrEqualTo(30);

            await("job finished", 90, () -> query(url, db -> db.fetchExists(JOB,
                    JOB.ID.eq(jobId).and(JOB.STATE.in("SUCCEEDED", "FAILED", "CANCELLED")))), workers);
            var job = query(url, db -> db.selectFrom(JOB).where(JOB.ID.eq(jobId)).fetchOne());
            assertThat(job.getState()).isEqualTo("SUCCEEDED");
            assertThat(job.getWorker()).isEqualTo(survivor);
            assertThat(job.getAttempts()).isEqualTo(2);
            assertThat(job.getProgress()).isEqualTo(1.0);
            List<String> log = query(url, db -> db.select(JOB_LOG.MESSAGE).from(JOB_LOG).where(JOB_LOG.JOB_ID.eq(jobId))
                    .orderBy(JOB_LOG.ID).fetch(JOB_LOG.MESSAGE));
            assertThat(log).contains("attempt 1 started on " + victim, "worker " + victim + " stopped responding; queued again",
                    "attempt 2 started on " + survivor, "finished");
            boolean executionLeft = query(url, db -> db.fetchExists(SCHEDULED_TASKS));
            assertThat(executionLeft).as("no execution left").isFalse();
        } finally {
            for (Process p : workers.values()) {
                p.destroy();
            }
            for (Process p : workers.values()) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Waits for a condition, at most {@code seconds}; fails early if a worker process died. */
    private void await(String what, int seconds, Check check, Map<String, Process> workers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ok(check)) {
            for (var w : workers.entrySet()) {
                assertThat(w.getValue().isAlive()).as("worker " + w.getKey() + " is running; log: " + logs()).isTrue();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + "; logs: " + logs());
            }
            Thread.sleep(250);
        }
    }

    /** A check that fails while the schema is being created counts as not yet satisfied. */
    private static boolean ok(Check check) throws Exception {
        try {
            return check.ok();
        } catch (org.jooq.exception.DataAccessException e) {
            return false;
        }
    }

    private static <T> T query(String url, Function<DSLContext, T> f) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return f.apply(DSL.using(c, SQLDialect.POSTGRES));
        }
    }

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(data)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(p);
                sb.append("\n== ").append(p.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        }
        return sb.toString();
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.segsurv.SegSurv"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(data.resolve(args[2] + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }
}

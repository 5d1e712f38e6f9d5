/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.JOB_LOG;
import static io.segsurv.db.generated.Tables.SCHEDULED_TASKS;
import static io.segsurv.db.generated.Tables.WORKER_NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.testsupport.PostgresDatabase;
import io.segsurv.testsupport.SegSurvProcesses;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        try (SegSurvProcesses ps = new SegSurvProcesses(url, data.resolve("logs"), STALE_AFTER_SECONDS)) {
            // the first worker creates the schema; the second starts once it is there
            ps.start("kill-a", "worker", "--name", "kill-a", "--data", data.resolve("a").toString());
            ps.await("worker kill-a registered", 180, () -> ps.query(db -> db.fetchExists(WORKER_NODE, WORKER_NODE.NAME.eq("kill-a"))));
            ps.start("kill-b", "worker", "--name", "kill-b", "--data", data.resolve("b").toString());
            ps.await("worker kill-b registered", 180, () -> ps.query(db -> db.fetchExists(WORKER_NODE, WORKER_NODE.NAME.eq("kill-b"))));

            // queue a job the way the web node does: the job row and its execution together
            long jobId = ps.query(db -> db.transactionResult(c -> {
                long id = c.dsl().insertInto(JOB).set(JOB.KIND, StepsTestJob.KIND).set(JOB.MAX_ATTEMPTS, 3)
                        .set(JOB.PARAMETERS, "{\"steps\": 40, \"millis\": 250}").returning(JOB.ID).fetchOne().getId();
                c.dsl().insertInto(SCHEDULED_TASKS).set(SCHEDULED_TASKS.TASK_NAME, JobTasks.CPU_TASK)
                        .set(SCHEDULED_TASKS.TASK_INSTANCE, JobTasks.instanceId(id, 0)).set(SCHEDULED_TASKS.EXECUTION_TIME, OffsetDateTime.now())
                        .set(SCHEDULED_TASKS.PICKED, false).set(SCHEDULED_TASKS.VERSION, 1L).execute();
                return id;
            }));

            ps.await("job running with progress", 60, () -> ps.query(db -> db.fetchExists(JOB,
                    JOB.ID.eq(jobId).and(JOB.STATE.eq("RUNNING")).and(JOB.PROGRESS.gt(0.1)))));
            String victim = ps.query(db -> db.select(JOB.WORKER).from(JOB).where(JOB.ID.eq(jobId)).fetchOne(JOB.WORKER));
            String survivor = victim.equals("kill-a") ? "kill-b" : "kill-a";
            ps.kill(victim);
            long killedAt = System.nanoTime();

            ps.await("job taken over by " + survivor, 60, () -> ps.query(db -> db.fetchExists(JOB,
                    JOB.ID.eq(jobId).and(JOB.WORKER.eq(survivor)))));
            long takeoverSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
            System.out.println("WorkerKillTest: " + survivor + " took the job over " + takeoverSeconds + " s after " + victim + " was killed");
            assertThat(takeoverSeconds).as("seconds until the other worker took over").isLessThanOrEqualTo(30);

            ps.await("job finished", 90, () -> ps.query(db -> db.fetchExists(JOB,
                    JOB.ID.eq(jobId).and(JOB.STATE.in("SUCCEEDED", "FAILED", "CANCELLED")))));
            var job = ps.query(db -> db.selectFrom(JOB).where(JOB.ID.eq(jobId)).fetchOne());
            assertThat(job.getState()).isEqualTo("SUCCEEDED");
            assertThat(job.getWorker()).isEqualTo(survivor);
            assertThat(job.getAttempts()).isEqualTo(2);
            assertThat(job.getProgress()).isEqualTo(1.0);
            List<String> log = ps.query(db -> db.select(JOB_LOG.MESSAGE).from(JOB_LOG).where(JOB_LOG.JOB_ID.eq(jobId))
                    .orderBy(JOB_LOG.ID).fetch(JOB_LOG.MESSAGE));
            assertThat(log).contains("attempt 1 started on " + victim, "worker " + victim + " stopped responding; queued again",
                    "attempt 2 started on " + survivor, "finished");
            boolean executionLeft = ps.query(db -> db.fetchExists(SCHEDULED_TASKS));
            assertThat(executionLeft).as("no execution left").isFalse();
        }
    }
}

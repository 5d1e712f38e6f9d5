/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.IMAGING_INSTANCE;
import static io.segsurv.db.generated.Tables.IMAGING_SERIES;
import static io.segsurv.db.generated.Tables.IMAGING_STUDY;
import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.SCHEDULED_TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.cohort.Cohort;
import io.segsurv.filestore.FileStore;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.user.User;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The job records, the job engine (db-scheduler) and the in-process worker of the test context, against the real database. */
abstract class JobsContract {

    @Autowired
    JobQueue queue;
    @Autowired
    JobService jobs;
    @Autowired
    Fixtures fx;
    @Autowired
    DSLContext db;
    @Autowired
    SegSurvProperties properties;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Worker worker;

    /** Submits a job and removes its execution in the same transaction, so that no worker runs it: the test drives it. */
    private long submitUnscheduled(String kind, Long projectId, Long userId, boolean gpu, int maxAttempts) {
        return tx.execute(s -> {
            long id = queue.submit(kind, projectId, userId, "{}", gpu, maxAttempts);
            assertThat(db.deleteFrom(SCHEDULED_TASKS).where(SCHEDULED_TASKS.TASK_INSTANCE.eq(Long.toString(id))).execute()).isOne();
            return id;
        });
    }

    @Test
    void submittingSchedulesTheExecutionInTheSameTransaction() {
        String kind = Fixtures.unique("rolled-back");
        Long id = tx.execute(s -> {
            long j = queue.submit(kind, null, null, "{}", true, 1);
            s.setRollbackOnly();
            return j;
        });
        assertThat(db.fetchExists(JOB, JOB.ID.eq(id))).isFalse();
        assertThat(db.fetchExists(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_INSTANCE.eq(Long.toString(id)))).isFalse();
    }

    @Test
    void aJobStartsOnExactlyOneWorker() {
        long id = submitUnscheduled("test.kind-" + Fixtures.unique("k"), null, null, false, 2);
        var first = queue.start(id, "worker-a");
        var second = queue.start(id, "worker-b");
        assertThat(first).isPresent();
        assertThat(first.get().id()).isEqualTo(id);
        assertThat(first.get().state()).isEqualTo(JobState.RUNNING);
        assertThat(first.get().worker()).isEqualTo("worker-a");
        assertThat(second).isEmpty();
        assertThat(queue.progress(id, "worker-b", 0.5, "not mine")).isFalse();
        assertThat(queue.progress(id, "worker-a", 0.5, "half")).isTrue();
        queue.succeed(id, "worker-a", "done");
        Job done = queue.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void gpuJobsAreExecutionsOfTheGpuTaskTypeThatOnlyGpuWorkersRegister() {
        String kind = Fixtures.unique("gpu");
        List<String> taskNames = tx.execute(s -> {
            long gpu = queue.submit(kind, null, null, "{}", true, 1);
            long cpu = queue.submit(kind, null, null, "{}", false, 1);
            List<String> names = List.of(taskOf(gpu), taskOf(cpu));
            s.setRollbackOnly(); // no worker runs them
            return names;
        });
        assertThat(taskNames).containsExactly(JobTasks.GPU_TASK, JobTasks.CPU_TASK);
        assertThat(worker.taskNames()).containsExactly(JobTasks.CPU_TASK); // the test worker has no GPU
        assertThat(Worker.taskNames(new SegSurvProperties.Jobs(true, 1, true, true, "g", 2, 60))).containsExactly(JobTasks.GPU_TASK);
        assertThat(Worker.taskNames(new SegSurvProperties.Jobs(true, 1, true, false, "g", 2, 60)))
                .containsExactly(JobTasks.CPU_TASK, JobTasks.GPU_TASK);
    }

    private String taskOf(long jobId) {
        return db.select(SCHEDULED_TASKS.TASK_NAME).from(SCHEDULED_TASKS).where(SCHEDULED_TASKS.TASK_INSTANCE.eq(Long.toString(jobId)))
                .fetchOne(SCHEDULED_TASKS.TASK_NAME);
    }

    @Test
    void aJobWhoseWorkerDiedIsQueuedAgainThenFailsAfterItsLastAttempt() {
        // what the engine's dead-execution handler records (the kill test runs it for real)
        long id = submitUnscheduled(Fixtures.unique("stale"), null, null, false, 2);
        queue.start(id, "dead-1").orElseThrow();
        assertThat(queue.workerDied(id, "dead-1")).isTrue();
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(queue.find(id).orElseThrow().message()).contains("dead-1 stopped responding");

        queue.start(id, "dead-2").orElseThrow();
        assertThat(queue.workerDied(id, "dead-2")).isFalse();
        Job failed = queue.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
    }

    @Test
    void theWorkerVerifiesTheFileStoreAndReportsACorruptedFile() throws Exception {
        FileStore store = new FileStore(properties.dataDir().resolve("store"));
        var good = store.put(new ByteArrayInputStream(("good " + Fixtures.unique("x")).getBytes(StandardCharsets.UTF_8)));
        var bad = store.put(new ByteArrayInputStream(("bad " + Fixtures.unique("x")).getBytes(StandardCharsets.UTF_8)));
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        Cohort c = fx.cohort(pi, p);
        long patient = fx.patient(c, Fixtures.unique("P"));
        long study = db.insertInto(IMAGING_STUDY).set(IMAGING_STUDY.PATIENT_ID, patient)
                .set(IMAGING_STUDY.STUDY_INSTANCE_UID, "1.2.826.0.1.3680043.10.1." + System.nanoTime()).returning(IMAGING_STUDY.ID).fetchOne().getId();
        long series = db.insertInto(IMAGING_SERIES).set(IMAGING_SERIES.STUDY_ID, study).set(IMAGING_SERIES.MODALITY, "CT")
                .set(IMAGING_SERIES.SERIES_INSTANCE_UID, "1.2.826.0.1.3680043.10.2." + System.nanoTime()).returning(IMAGING_SERIES.ID).fetchOne().getId();
        for (var f : List.of(good, bad)) {
            db.insertInto(IMAGING_INSTANCE).set(IMAGING_INSTANCE.SERIES_ID, series).set(IMAGING_INSTANCE.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.2")
                    .set(IMAGING_INSTANCE.SOP_INSTANCE_UID, "1.2.826.0.1.3680043.10.3." + System.nanoTime())
                    .set(IMAGING_INSTANCE.SHA256, f.sha256()).set(IMAGING_INSTANCE.SIZE_BYTES, f.size()).execute();
        }
        Files.writeString(store.path(bad.sha256()), "tampered");

        Job job = fx.as(fx.admin(), () -> jobs.submit(FileStoreVerifyJob.KIND, null, "{}"));
        Job finished = awaitFinished(job.id(), Duration.ofSeconds(60));
        assertThat(finished.state()).isEqualTo(JobState.FAILED);
        List<String> log = fx.as(fx.admin(), () -> jobs.logs(job.id(), 0)).stream().map(JobLogLine::message).toList();
        assertThat(log).anyMatch(l -> l.startsWith("corrupted: " + bad.sha256()));
        assertThat(log).noneMatch(l -> l.contains(good.sha256()));
        assertThat(finished.attempts()).isEqualTo(1); // a check is not retried
    }

    @Test
    void onlyAdministratorsRunSystemJobsAndMembersSeeOnlyTheirProjectsJobs() {
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        assertThatThrownBy(() -> fx.as(pi, () -> jobs.submit(FileStoreVerifyJob.KIND, null, "{}"))).isInstanceOf(ForbiddenException.class);
        long system = submitUnscheduled(Fixtures.unique("sys"), null, null, false, 1);
        long mine = submitUnscheduled(Fixtures.unique("proj"), p.id(), pi.id(), false, 1);
        List<Long> visible = fx.as(pi, () -> jobs.list(null, List.of(), 0, 1000)).stream().map(Job::id).toList();
        assertThat(visible).contains(mine).doesNotContain(system);
        assertThatThrownBy(() -> fx.as(pi, () -> jobs.get(system))).isInstanceOf(NotFoundException.class);
        User outsider = fx.user("out");
        assertThatThrownBy(() -> fx.as(outsider, () -> jobs.get(mine))).isInstanceOf(NotFoundException.class);
        Job cancelled = fx.as(pi, () -> jobs.cancel(mine));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(fx.as(pi, () -> jobs.retry(mine)).state()).isIn(JobState.QUEUED, JobState.RUNNING, JobState.FAILED);
        assertThat(db.fetchExists(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_INSTANCE.like(mine + "-%"))
                || queue.find(mine).orElseThrow().attempts() > 0).as("the retry has an execution").isTrue();
    }

    @Test
    void aJobRunsOnTheEngineReportsProgressAndIsCancelledBetweenSteps() throws Exception {
        Job done = fx.as(fx.admin(), () -> jobs.submit(StepsTestJob.KIND, null, "{\"steps\": 3, \"millis\": 50}"));
        Job finished = awaitFinished(done.id(), Duration.ofSeconds(60));
        assertThat(finished.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(finished.worker()).isEqualTo(worker.name());
        assertThat(finished.attempts()).isEqualTo(1);
        assertThat(finished.message()).isEqualTo("step 3/3");
        assertThat(db.fetchExists(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_INSTANCE.eq(Long.toString(done.id())))).isFalse();

        Job slow = fx.as(fx.admin(), () -> jobs.submit(StepsTestJob.KIND, null, "{\"steps\": 600, \"millis\": 100}"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (queue.find(slow.id()).orElseThrow().progress() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(queue.find(slow.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        fx.as(fx.admin(), () -> jobs.cancel(slow.id()));
        Job cancelled = awaitFinished(slow.id(), Duration.ofSeconds(30));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        awaitCondition(() -> queue.find(slow.id()).orElseThrow().finishedAt() != null, Duration.ofSeconds(30));
        Job retried = fx.as(fx.admin(), () -> jobs.retry(slow.id()));
        assertThat(retried.state()).isIn(JobState.QUEUED, JobState.RUNNING);
        assertThat(retried.attempts()).isLessThanOrEqualTo(1);
        fx.as(fx.admin(), () -> jobs.cancel(slow.id()));
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private Job awaitFinished(long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Job j = queue.find(id).orElseThrow();
            if (j.state().finished()) {
                return j;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not finish within " + timeout + ": " + queue.find(id));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.IMAGING_INSTANCE;
import static io.segsurv.db.generated.Tables.IMAGING_SERIES;
import static io.segsurv.db.generated.Tables.IMAGING_STUDY;
import static io.segsurv.db.generated.Tables.JOB;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The persistent queue and the in-process worker of the test context, against the real database. */
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

    @Test
    void aJobIsClaimedByExactlyOneWorker() {
        long id = queue.submit("test.kind-" + Fixtures.unique("k"), null, null, "{}", false, 2);
        String kind = queue.find(id).orElseThrow().kind();
        var first = queue.claim("worker-a", Set.of(kind), false, false);
        var second = queue.claim("worker-b", Set.of(kind), false, false);
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
    void gpuJobsGoOnlyToGpuWorkers() {
        String kind = Fixtures.unique("gpu");
        long id = queue.submit(kind, null, null, "{}", true, 1);
        assertThat(queue.claim("cpu", Set.of(kind), false, false)).isEmpty();
        assertThat(queue.claim("gpu", Set.of(kind), true, true)).get().extracting(Job::id).isEqualTo(id);
    }

    @Test
    void aJobWhoseWorkerDiedIsQueuedAgainThenFailsAfterItsLastAttempt() {
        String kind = Fixtures.unique("stale");
        long id = queue.submit(kind, null, null, "{}", false, 2);
        queue.claim("dead-1", Set.of(kind), false, false).orElseThrow();
        db.update(JOB).set(JOB.HEARTBEAT_AT, OffsetDateTime.now().minusMinutes(10)).where(JOB.ID.eq(id)).execute();
        queue.recoverStale(OffsetDateTime.now().minusMinutes(1));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(queue.find(id).orElseThrow().message()).contains("dead-1 stopped responding");

        queue.claim("dead-2", Set.of(kind), false, false).orElseThrow();
        db.update(JOB).set(JOB.HEARTBEAT_AT, OffsetDateTime.now().minusMinutes(10)).where(JOB.ID.eq(id)).execute();
        queue.recoverStale(OffsetDateTime.now().minusMinutes(1));
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
        long system = queue.submit(Fixtures.unique("sys"), null, null, "{}", false, 1);
        long mine = queue.submit(Fixtures.unique("proj"), p.id(), pi.id(), "{}", false, 1);
        List<Long> visible = fx.as(pi, () -> jobs.list(null, List.of(), 0, 1000)).stream().map(Job::id).toList();
        assertThat(visible).contains(mine).doesNotContain(system);
        assertThatThrownBy(() -> fx.as(pi, () -> jobs.get(system))).isInstanceOf(NotFoundException.class);
        User outsider = fx.user("out");
        assertThatThrownBy(() -> fx.as(outsider, () -> jobs.get(mine))).isInstanceOf(NotFoundException.class);
        Job cancelled = fx.as(pi, () -> jobs.cancel(mine));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(fx.as(pi, () -> jobs.retry(mine)).state()).isEqualTo(JobState.QUEUED);
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

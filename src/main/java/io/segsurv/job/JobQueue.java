/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.JOB_LOG;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.WORKER_NODE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The persistent job queue in the application's database, shared by every web and worker node.
 * A job is claimed by a conditional update (QUEUED to RUNNING), so that two workers never run the
 * same job; a running job whose worker stops sending heartbeats is queued again (or failed after
 * its last attempt). No user checks here: {@link JobService} applies them.
 */
@Component
@Transactional
public class JobQueue {

    private static final int MAX_LOG_LENGTH = 4000;
    private final DSLContext db;

    public JobQueue(DSLContext db) {
        this.db = db;
    }

    public long submit(String kind, Long projectId, Long userId, String parameters, boolean requiresGpu, int maxAttempts) {
        return db.insertInto(JOB)
                .set(JOB.KIND, kind)
                .set(JOB.PROJECT_ID, projectId)
                .set(JOB.CREATED_BY, userId)
                .set(JOB.PARAMETERS, parameters == null ? "{}" : parameters)
                .set(JOB.REQUIRES_GPU, requiresGpu)
                .set(JOB.MAX_ATTEMPTS, maxAttempts)
                .returning(JOB.ID).fetchOne().getId();
    }

    /** Claims the oldest queued job this worker can run, if any. */
    public Optional<Job> claim(String worker, Collection<String> kinds, boolean gpu, boolean gpuOnly) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        Condition runnable = JOB.STATE.eq(JobState.QUEUED.name()).and(JOB.KIND.in(kinds));
        if (gpuOnly) {
            runnable = runnable.and(JOB.REQUIRES_GPU.isTrue());
        } else if (!gpu) {
            runnable = runnable.and(JOB.REQUIRES_GPU.isFalse());
        }
        List<Long> candidates = db.select(JOB.ID).from(JOB).where(runnable).orderBy(JOB.ID).limit(5).fetch(JOB.ID);
        OffsetDateTime now = OffsetDateTime.now();
        for (long id : candidates) {
            int n = db.update(JOB)
                    .set(JOB.STATE, JobState.RUNNING.name())
                    .set(JOB.WORKER, worker)
                    .set(JOB.STARTED_AT, now)
                    .set(JOB.HEARTBEAT_AT, now)
                    .set(JOB.ATTEMPTS, JOB.ATTEMPTS.plus(1))
                    .set(JOB.MESSAGE, "started on " + worker)
                    .where(JOB.ID.eq(id).and(JOB.STATE.eq(JobState.QUEUED.name())))
                    .execute();
            if (n == 1) {
                return find(id);
            }
        }
        return Optional.empty();
    }

    /** Records progress; returns false when the job is no longer running on this worker (cancelled or taken over). */
    public boolean progress(long jobId, String worker, double fraction, String message) {
        return db.update(JOB)
                .set(JOB.PROGRESS, Math.max(0, Math.min(1, fraction)))
                .set(JOB.MESSAGE, truncate(message, 1000))
                .set(JOB.HEARTBEAT_AT, OffsetDateTime.now())
                .where(runningOn(jobId, worker)).execute() == 1;
    }

    public boolean heartbeat(long jobId, String worker) {
        return db.update(JOB).set(JOB.HEARTBEAT_AT, OffsetDateTime.now()).where(runningOn(jobId, worker)).execute() == 1;
    }

    public void log(long jobId, String level, String message) {
        db.insertInto(JOB_LOG).set(JOB_LOG.JOB_ID, jobId).set(JOB_LOG.LEVEL, level)
                .set(JOB_LOG.MESSAGE, truncate(message, MAX_LOG_LENGTH)).execute();
    }

    public void succeed(long jobId, String worker, String message) {
        finish(jobId, worker, JobState.SUCCEEDED, 1.0, message);
    }

    /** A failed attempt: queued again while attempts remain, otherwise FAILED. */
    public void fail(long jobId, String worker, String message) {
        var job = db.select(JOB.ATTEMPTS, JOB.MAX_ATTEMPTS).from(JOB).where(runningOn(jobId, worker)).fetchOne();
        if (job == null) {
            return;
        }
        if (job.value1() < job.value2()) {
            db.update(JOB).set(JOB.STATE, JobState.QUEUED.name()).set(JOB.WORKER, (String) null)
                    .set(JOB.MESSAGE, truncate("attempt " + job.value1() + " failed: " + message, 1000))
                    .where(runningOn(jobId, worker)).execute();
        } else {
            finish(jobId, worker, JobState.FAILED, null, message);
        }
    }

    public void cancelled(long jobId, String worker) {
        db.update(JOB).set(JOB.FINISHED_AT, OffsetDateTime.now())
                .where(JOB.ID.eq(jobId).and(JOB.STATE.eq(JobState.CANCELLED.name())).and(JOB.FINISHED_AT.isNull()))
                .execute();
    }

    private void finish(long jobId, String worker, JobState state, Double progress, String message) {
        var update = db.update(JOB).set(JOB.STATE, state.name()).set(JOB.FINISHED_AT, OffsetDateTime.now())
                .set(JOB.MESSAGE, truncate(message == null ? "" : message, 1000));
        if (progress != null) {
            update = update.set(JOB.PROGRESS, progress);
        }
        update.where(runningOn(jobId, worker)).execute();
    }

    /** Cancels a queued or running job; a running one stops at its next check. */
    public boolean cancel(long jobId) {
        return db.update(JOB).set(JOB.STATE, JobState.CANCELLED.name()).set(JOB.MESSAGE, "cancelled")
                .set(JOB.FINISHED_AT, DSL.when(JOB.STATE.eq(JobState.QUEUED.name()), DSL.currentOffsetDateTime()).otherwise(JOB.FINISHED_AT))
                .where(JOB.ID.eq(jobId).and(JOB.STATE.in(JobState.QUEUED.name(), JobState.RUNNING.name()))).execute() == 1;
    }

    /** Queues a finished (failed or cancelled) job again with a fresh attempt budget. */
    public boolean retry(long jobId) {
        return db.update(JOB).set(JOB.STATE, JobState.QUEUED.name()).set(JOB.WORKER, (String) null).set(JOB.ATTEMPTS, 0)
                .set(JOB.PROGRESS, 0.0).set(JOB.FINISHED_AT, (OffsetDateTime) null).set(JOB.MESSAGE, "queued again")
                .where(JOB.ID.eq(jobId).and(JOB.STATE.in(JobState.FAILED.name(), JobState.CANCELLED.name()))).execute() == 1;
    }

    /** Running jobs without a heartbeat since {@code staleBefore} lost their worker: queue them again or fail them. */
    public int recoverStale(OffsetDateTime staleBefore) {
        Condition stale = JOB.STATE.eq(JobState.RUNNING.name()).and(JOB.HEARTBEAT_AT.lt(staleBefore));
        int failed = db.update(JOB).set(JOB.STATE, JobState.FAILED.name()).set(JOB.FINISHED_AT, OffsetDateTime.now())
                .set(JOB.MESSAGE, DSL.concat(DSL.val("worker "), DSL.coalesce(JOB.WORKER, ""), DSL.val(" stopped responding; no attempts left")))
                .where(stale.and(JOB.ATTEMPTS.ge(JOB.MAX_ATTEMPTS))).execute();
        int requeued = db.update(JOB).set(JOB.STATE, JobState.QUEUED.name())
                .set(JOB.MESSAGE, DSL.concat(DSL.val("worker "), DSL.coalesce(JOB.WORKER, ""), DSL.val(" stopped responding; queued again")))
                .set(JOB.WORKER, (String) null)
                .where(stale).execute();
        return failed + requeued;
    }

    public void workerHeartbeat(String name, String host, boolean gpu, OffsetDateTime startedAt) {
        OffsetDateTime now = OffsetDateTime.now();
        if (db.update(WORKER_NODE).set(WORKER_NODE.HEARTBEAT_AT, now).where(WORKER_NODE.NAME.eq(name)).execute() == 0) {
            db.insertInto(WORKER_NODE).set(WORKER_NODE.NAME, name).set(WORKER_NODE.HOST, host).set(WORKER_NODE.GPU, gpu)
                    .set(WORKER_NODE.STARTED_AT, startedAt).set(WORKER_NODE.HEARTBEAT_AT, now).execute();
        }
    }

    public void workerStopped(String name) {
        db.deleteFrom(WORKER_NODE).where(WORKER_NODE.NAME.eq(name)).execute();
    }

    @Transactional(readOnly = true)
    public Optional<Job> find(long jobId) {
        return select(JOB.ID.eq(jobId), 0, 1).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<Job> select(Condition where, int offset, int limit) {
        return db.select(JOB.asterisk(), PROJECT.NAME).from(JOB).leftJoin(PROJECT).on(PROJECT.ID.eq(JOB.PROJECT_ID))
                .where(where).orderBy(JOB.ID.desc()).offset(offset).limit(limit).fetch(JobQueue::toJob);
    }

    @Transactional(readOnly = true)
    public int count(Condition where) {
        return db.fetchCount(JOB, where);
    }

    @Transactional(readOnly = true)
    public List<JobLogLine> logs(long jobId, long afterId) {
        return db.selectFrom(JOB_LOG).where(JOB_LOG.JOB_ID.eq(jobId).and(JOB_LOG.ID.gt(afterId))).orderBy(JOB_LOG.ID)
                .fetch(r -> new JobLogLine(r.getId(), r.getLoggedAt(), r.getLevel(), r.getMessage()));
    }

    @Transactional(readOnly = true)
    public List<String> activeWorkers(OffsetDateTime aliveSince) {
        return db.select(WORKER_NODE.NAME).from(WORKER_NODE).where(WORKER_NODE.HEARTBEAT_AT.ge(aliveSince))
                .orderBy(WORKER_NODE.NAME).fetch(WORKER_NODE.NAME);
    }

    private static Condition runningOn(long jobId, String worker) {
        return JOB.ID.eq(jobId).and(JOB.STATE.eq(JobState.RUNNING.name())).and(JOB.WORKER.eq(worker));
    }

    private static Job toJob(Record r) {
        return new Job(r.get(JOB.ID), r.get(JOB.PROJECT_ID), r.get(PROJECT.NAME), r.get(JOB.KIND), JobState.valueOf(r.get(JOB.STATE)),
                r.get(JOB.PROGRESS), r.get(JOB.MESSAGE), r.get(JOB.REQUIRES_GPU), r.get(JOB.WORKER), r.get(JOB.ATTEMPTS),
                r.get(JOB.MAX_ATTEMPTS), r.get(JOB.CREATED_AT), r.get(JOB.STARTED_AT), r.get(JOB.HEARTBEAT_AT),
                r.get(JOB.FINISHED_AT), r.get(JOB.PARAMETERS));
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}

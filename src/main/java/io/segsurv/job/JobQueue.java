/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.JOB_LOG;
import static io.segsurv.db.generated.Tables.PROJECT;
import static io.segsurv.db.generated.Tables.SCHEDULED_TASKS;
import static io.segsurv.db.generated.Tables.WORKER_NODE;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The job records in the application's database, shared by every web and worker node, and their
 * executions in the job engine (db-scheduler's {@code scheduled_tasks}). Submitting a job inserts
 * its row and schedules its execution in one transaction; the engine picks the execution on a
 * worker that knows its task type, which then starts the job here by a conditional update (QUEUED to
 * RUNNING), so that a job runs at most once at a time even if an execution is revived too early.
 * No user checks here: {@link JobService} applies them.
 */
@Component
@Transactional
public class JobQueue {

    private static final int MAX_LOG_LENGTH = 4000;
    private final DSLContext db;
    private final SchedulerClient engine;

    public JobQueue(DSLContext db, SchedulerClient engine) {
        this.db = db;
        this.engine = engine;
    }

    public long submit(String kind, Long projectId, Long userId, String parameters, boolean requiresGpu, int maxAttempts) {
        long id = db.insertInto(JOB)
                .set(JOB.KIND, kind)
                .set(JOB.PROJECT_ID, projectId)
                .set(JOB.CREATED_BY, userId)
                .set(JOB.PARAMETERS, parameters == null ? "{}" : parameters)
                .set(JOB.REQUIRES_GPU, requiresGpu)
                .set(JOB.MAX_ATTEMPTS, maxAttempts)
                .returning(JOB.ID).fetchOne().getId();
        engine.schedule(JobTasks.instance(id, 0, requiresGpu), Instant.now());
        return id;
    }

    /**
     * Starts a queued job on a worker whose engine picked its execution: counts the attempt. Empty when
     * the job is not queued (cancelled meanwhile, already finished, or running elsewhere).
     */
    public Optional<Job> start(long id, String worker) {
        OffsetDateTime now = OffsetDateTime.now();
        int n = db.update(JOB)
                .set(JOB.STATE, JobState.RUNNING.name())
                .set(JOB.WORKER, worker)
                .set(JOB.STARTED_AT, now)
                .set(JOB.HEARTBEAT_AT, now)
                .set(JOB.ATTEMPTS, JOB.ATTEMPTS.plus(1))
                .set(JOB.MESSAGE, "started on " + worker)
                .where(JOB.ID.eq(id).and(JOB.STATE.eq(JobState.QUEUED.name())))
                .execute();
        return n == 1 ? find(id) : Optional.empty();
    }

    /** The task type of a job's executions. */
    @Transactional(readOnly = true)
    public Optional<String> taskName(long jobId) {
        return db.select(JOB.REQUIRES_GPU).from(JOB).where(JOB.ID.eq(jobId)).fetchOptional(JOB.REQUIRES_GPU).map(JobTasks::taskName);
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

    /**
     * A failed attempt: queued again while attempts remain (true: the caller re-runs the execution),
     * otherwise FAILED.
     */
    public boolean fail(long jobId, String worker, String message) {
        var job = db.select(JOB.ATTEMPTS, JOB.MAX_ATTEMPTS).from(JOB).where(runningOn(jobId, worker)).fetchOne();
        if (job == null) {
            return false;
        }
        if (job.value1() < job.value2()) {
            return db.update(JOB).set(JOB.STATE, JobState.QUEUED.name()).set(JOB.WORKER, (String) null)
                    .set(JOB.MESSAGE, truncate("attempt " + job.value1() + " failed: " + message, 1000))
                    .where(runningOn(jobId, worker)).execute() == 1;
        }
        finish(jobId, worker, JobState.FAILED, null, message);
        return false;
    }

    /**
     * A worker that shuts down gives its running job back without using up an attempt; true when the
     * job was still running there (the caller re-runs the execution).
     */
    public boolean release(long jobId, String worker) {
        return db.update(JOB).set(JOB.STATE, JobState.QUEUED.name()).set(JOB.WORKER, (String) null)
                .set(JOB.ATTEMPTS, DSL.greatest(DSL.val(0), JOB.ATTEMPTS.minus(1)))
                .set(JOB.MESSAGE, "worker " + worker + " stopped; queued again")
                .where(runningOn(jobId, worker)).execute() == 1;
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

    /**
     * Cancels a queued or running job; a running one stops at its next check. A queued job's
     * execution is removed from the engine (if a worker picks it meanwhile, it sees the cancelled row
     * and does nothing).
     */
    public boolean cancel(long jobId) {
        db.deleteFrom(SCHEDULED_TASKS).where(SCHEDULED_TASKS.TASK_INSTANCE.eq(Long.toString(jobId))
                .or(SCHEDULED_TASKS.TASK_INSTANCE.like(jobId + "-%")).and(SCHEDULED_TASKS.PICKED.isFalse())).execute();
        return db.update(JOB).set(JOB.STATE, JobState.CANCELLED.name()).set(JOB.MESSAGE, "cancelled")
                .set(JOB.FINISHED_AT, DSL.when(JOB.STATE.eq(JobState.QUEUED.name()), DSL.currentOffsetDateTime()).otherwise(JOB.FINISHED_AT))
                .where(JOB.ID.eq(jobId).and(JOB.STATE.in(JobState.QUEUED.name(), JobState.RUNNING.name()))).execute() == 1;
    }

    /**
     * Queues a finished (failed or cancelled) job again with a fresh attempt budget and a new
     * execution. A cancelled job that is still stopping on its worker cannot be retried yet.
     */
    public boolean retry(long jobId) {
        var gpu = db.select(JOB.REQUIRES_GPU).from(JOB).where(JOB.ID.eq(jobId)).fetchOptional(JOB.REQUIRES_GPU);
        if (gpu.isEmpty()) {
            return false;
        }
        boolean queued = db.update(JOB).set(JOB.STATE, JobState.QUEUED.name()).set(JOB.WORKER, (String) null).set(JOB.ATTEMPTS, 0)
                .set(JOB.PROGRESS, 0.0).set(JOB.FINISHED_AT, (OffsetDateTime) null).set(JOB.MESSAGE, "queued again")
                .where(JOB.ID.eq(jobId).and(JOB.STATE.in(JobState.FAILED.name(), JobState.CANCELLED.name()))
                        .and(JOB.FINISHED_AT.isNotNull())).execute() == 1;
        if (queued) {
            engine.schedule(JobTasks.instance(jobId, System.currentTimeMillis(), gpu.get()), Instant.now());
        }
        return queued;
    }

    /**
     * The engine found the execution of a job dead (its worker stopped sending heartbeats): the job is
     * queued again (true: the caller revives the execution) or, after its last attempt, FAILED.
     */
    public boolean workerDied(long jobId, String worker) {
        Condition lost = JOB.ID.eq(jobId).and(JOB.STATE.eq(JobState.RUNNING.name()));
        String who = "worker " + (worker == null ? "?" : worker);
        cancelled(jobId, worker); // a cancelled job whose worker died before it stopped
        int failed = db.update(JOB).set(JOB.STATE, JobState.FAILED.name()).set(JOB.FINISHED_AT, OffsetDateTime.now())
                .set(JOB.MESSAGE, who + " stopped responding; no attempts left")
                .where(lost.and(JOB.ATTEMPTS.ge(JOB.MAX_ATTEMPTS))).execute();
        if (failed == 1) {
            log(jobId, "ERROR", who + " stopped responding; no attempts left");
            return false;
        }
        boolean requeued = db.update(JOB).set(JOB.STATE, JobState.QUEUED.name()).set(JOB.WORKER, (String) null)
                .set(JOB.MESSAGE, who + " stopped responding; queued again").where(lost).execute() == 1;
        if (requeued) {
            log(jobId, "WARN", who + " stopped responding; queued again");
        }
        // a job that is queued (its run was given back) still needs its execution
        return requeued || db.fetchExists(JOB, JOB.ID.eq(jobId).and(JOB.STATE.eq(JobState.QUEUED.name())));
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

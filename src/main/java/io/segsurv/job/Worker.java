/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.segsurv.base.config.SegSurvProperties;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs jobs in this process when {@code segsurv.jobs.run-here} is set (the {@code worker} command,
 * and {@code serve} unless --no-jobs): a db-scheduler instance, named after the worker, that
 * registers the CPU task type, the GPU one, or both (--gpu, --gpu-only). db-scheduler picks the
 * executions, sends their heartbeats and revives those of a worker that died; this class maps an
 * execution onto the job row (start, progress, cancellation, outcome, attempts) and keeps the worker
 * listed in {@code worker_node}.
 */
@Component
public class Worker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Heartbeats a worker may miss before db-scheduler declares its executions dead. */
    static final int MISSED_HEARTBEATS = 4;

    private final JobQueue queue;
    private final DataSource dataSource;
    private final SegSurvProperties.Jobs settings;
    private final Map<String, JobHandler> handlers;
    private final String name;
    private final OffsetDateTime startedAt = OffsetDateTime.now();
    private final Set<Context> runningJobs = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean stopping;
    private Scheduler engine;
    private ScheduledExecutorService housekeeper;

    public Worker(JobQueue queue, DataSource dataSource, SegSurvProperties properties, List<JobHandler> handlers) {
        this.queue = queue;
        this.dataSource = dataSource;
        this.settings = properties.jobs();
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
        this.name = settings.workerName() != null && !settings.workerName().isBlank() ? settings.workerName() : defaultName();
    }

    public String name() {
        return name;
    }

    public Map<String, JobHandler> handlers() {
        return handlers;
    }

    /** The task types this worker runs: CPU jobs unless GPU-only, GPU jobs with a GPU. */
    List<String> taskNames() {
        return taskNames(settings);
    }

    static List<String> taskNames(SegSurvProperties.Jobs settings) {
        List<String> names = new ArrayList<>();
        if (!settings.gpuOnly()) {
            names.add(JobTasks.CPU_TASK);
        }
        if (settings.gpu() || settings.gpuOnly()) {
            names.add(JobTasks.GPU_TASK);
        }
        return names;
    }

    /** Heartbeat of the engine and of this worker's row; a worker is dead after {@link #MISSED_HEARTBEATS} of them. */
    Duration heartbeat() {
        return Duration.ofMillis(Math.max(1000, settings.staleAfterSeconds() * 1000L / MISSED_HEARTBEATS));
    }

    @Override
    public void start() {
        if (!settings.runHere()) {
            return;
        }
        running = true;
        stopping = false;
        List<Task<?>> tasks = taskNames().stream()
                .<Task<?>>map(n -> JobTasks.task(n, this::execute, this::failed, this::dead)).toList();
        engine = Scheduler.create(JobTasks.transactional(dataSource), tasks)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(settings.threads())
                .pollingInterval(Duration.ofSeconds(settings.pollSeconds()))
                .heartbeatInterval(heartbeat())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                // a CPU-only worker sees GPU executions as unresolved: never delete them
                .deleteUnresolvedAfter(Duration.ofDays(3650))
                .shutdownMaxWait(Duration.ofSeconds(20))
                .build();
        housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segsurv-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        housekeeper.scheduleWithFixedDelay(this::housekeeping, 0, heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        engine.start();
        LOG.info("Worker {} runs {} jobs of kinds {} ({} thread(s))", name, taskNames(), handlers.keySet(), settings.threads());
    }

    private void housekeeping() {
        try {
            queue.workerHeartbeat(name, host(), settings.gpu() || settings.gpuOnly(), startedAt);
            for (Context c : runningJobs) {
                if (!queue.heartbeat(c.job.id(), name)) {
                    c.stop(); // cancelled, or taken over after we were presumed dead
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Worker housekeeping failed: {}", e.getMessage());
        }
    }

    /** Runs the job of an execution db-scheduler picked for this worker. */
    private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext execution) {
        long jobId = JobTasks.jobId(instance.getId());
        Optional<Job> started = queue.start(jobId, name);
        if (started.isEmpty()) {
            return remove(); // cancelled before it started, finished, or gone
        }
        Job job = started.get();
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            queue.log(jobId, "ERROR", "no handler for job kind '" + job.kind() + "' on " + name);
            return queue.fail(jobId, name, "unknown job kind '" + job.kind() + "'") ? retryIn(job.attempts()) : remove();
        }
        Context context = new Context(job, handler, Thread.currentThread());
        runningJobs.add(context);
        try {
            queue.log(jobId, "INFO", "attempt " + job.attempts() + " started on " + name);
            context.checkCancelled();
            handler.run(context);
            queue.succeed(jobId, name, context.lastMessage == null ? "done" : context.lastMessage);
            queue.log(jobId, "INFO", "finished");
            return remove();
        } catch (JobContext.JobCancelledException | InterruptedException e) {
            queue.cancelled(jobId, name);
            if (queue.release(jobId, name)) { // not cancelled: this worker is shutting down
                queue.log(jobId, "WARN", "worker " + name + " stopped; queued again");
                return retryIn(0);
            }
            queue.log(jobId, "WARN", "stopped: cancelled");
            return remove();
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // an Error of a job (a native library that does not load, a failed assertion) fails that job, not the worker
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.error("Job {} ({}) failed", jobId, job.kind(), e);
            queue.log(jobId, "ERROR", message);
            return queue.fail(jobId, name, message) ? retryIn(job.attempts()) : remove();
        } finally {
            runningJobs.remove(context);
            Thread.interrupted(); // clear a late interrupt before the next job
        }
    }

    /** An execution that threw past {@link #execute} (the database was unreachable): treat the run as lost. */
    private void failed(ExecutionComplete complete, ExecutionOperations<Void> ops) {
        lost(complete, ops, complete.getExecution().pickedBy);
    }

    /** db-scheduler found an execution whose worker stopped sending heartbeats. */
    private void dead(ExecutionComplete complete, ExecutionOperations<Void> ops) {
        lost(complete, ops, complete.getExecution().pickedBy);
    }

    private void lost(ExecutionComplete complete, ExecutionOperations<Void> ops, String worker) {
        long jobId = JobTasks.jobId(complete.getExecution().taskInstance.getId());
        boolean again;
        try {
            again = queue.workerDied(jobId, worker);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the lost run of job {}: {}", jobId, e.getMessage());
            ops.reschedule(complete, Instant.now().plusSeconds(10));
            return;
        }
        if (again) {
            LOG.warn("Job {}: worker {} stopped responding; running it again", jobId, worker);
            ops.reschedule(complete, Instant.now());
        } else {
            ops.remove();
        }
    }

    private static CompletionHandler<Void> remove() {
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** Runs the execution again after a short back-off (2, 4, 8 ... seconds, at most a minute). */
    private static CompletionHandler<Void> retryIn(int attempts) {
        long seconds = attempts <= 0 ? 0 : Math.min(60, 1L << Math.min(attempts, 6));
        return (complete, ops) -> ops.reschedule(complete, Instant.now().plusSeconds(seconds));
    }

    private final class Context implements JobContext {
        private final Job job;
        private final JobHandler handler;
        private final Thread thread;
        private String lastMessage;
        private volatile boolean stopped;

        Context(Job job, JobHandler handler, Thread thread) {
            this.job = job;
            this.handler = handler;
            this.thread = thread;
        }

        /** Cancelled, taken over, or the worker is shutting down: stop at the next check (and interrupt, if the job allows). */
        void stop() {
            stopped = true;
            if (handler.interruptOnCancel()) {
                thread.interrupt();
            }
        }

        @Override
        public long jobId() {
            return job.id();
        }

        @Override
        public String parameters() {
            return job.parameters();
        }

        @Override
        public void progress(double fraction, String message) {
            lastMessage = message;
            if (!queue.progress(job.id(), name, fraction, message)) {
                stopped = true;
                throw new JobCancelledException();
            }
        }

        @Override
        public void log(String message) {
            queue.log(job.id(), "INFO", message);
        }

        @Override
        public void checkCancelled() {
            if (stopped || stopping || Thread.currentThread().isInterrupted()) {
                throw new JobCancelledException();
            }
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping = true;
        runningJobs.forEach(Context::stop); // each gives its job back at its next check
        engine.stop();
        housekeeper.shutdownNow();
        try {
            queue.workerStopped(name);
        } catch (RuntimeException e) {
            LOG.debug("Could not unregister worker {}: {}", name, e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String defaultName() {
        return host() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}

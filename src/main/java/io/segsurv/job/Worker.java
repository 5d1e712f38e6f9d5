/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import io.segsurv.base.config.SegSurvProperties;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes jobs from the shared queue and runs them, when {@code segsurv.jobs.run-here} is set
 * (the {@code worker} command, and {@code serve} unless --no-jobs). Sends a heartbeat for itself
 * and each running job, and re-queues jobs whose worker died.
 */
@Component
public class Worker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final JobQueue queue;
    private final SegSurvProperties.Jobs settings;
    private final Map<String, JobHandler> handlers;
    private final String name;
    private final OffsetDateTime startedAt = OffsetDateTime.now();
    private volatile boolean running;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;

    public Worker(JobQueue queue, SegSurvProperties properties, List<JobHandler> handlers) {
        this.queue = queue;
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

    @Override
    public void start() {
        if (!settings.runHere()) {
            return;
        }
        running = true;
        executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "segsurv-job-" + name);
            t.setDaemon(false);
            return t;
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segsurv-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::housekeeping, 0, Math.max(1, settings.staleAfterSeconds() / 4), TimeUnit.SECONDS);
        for (int i = 0; i < settings.threads(); i++) {
            executor.submit(this::loop);
        }
        LOG.info("Worker {} takes jobs of kinds {} ({} thread(s){})", name, handlers.keySet(), settings.threads(),
                settings.gpuOnly() ? ", GPU jobs only" : settings.gpu() ? ", GPU" : "");
    }

    private void housekeeping() {
        try {
            queue.workerHeartbeat(name, host(), settings.gpu(), startedAt);
            int recovered = queue.recoverStale(OffsetDateTime.now().minusSeconds(settings.staleAfterSeconds()));
            if (recovered > 0) {
                LOG.warn("Recovered {} job(s) whose worker stopped responding", recovered);
            }
        } catch (RuntimeException e) {
            LOG.warn("Worker housekeeping failed: {}", e.getMessage());
        }
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            Optional<Job> claimed;
            try {
                claimed = queue.claim(name, handlers.keySet(), settings.gpu(), settings.gpuOnly());
            } catch (RuntimeException e) {
                LOG.warn("Could not poll the job queue: {}", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isPresent()) {
                execute(claimed.get());
            } else {
                try {
                    Thread.sleep(settings.pollSeconds() * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void execute(Job job) {
        JobHandler handler = handlers.get(job.kind());
        Thread thread = Thread.currentThread();
        Context context = new Context(job);
        var beat = scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!queue.heartbeat(job.id(), name)) {
                    context.cancelled = true; // cancelled, or taken over after we were presumed dead
                    if (handler.interruptOnCancel()) {
                        thread.interrupt();
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Heartbeat of job {} failed: {}", job.id(), e.getMessage());
            }
        }, 1, Math.max(1, settings.staleAfterSeconds() / 4), TimeUnit.SECONDS);
        try {
            queue.log(job.id(), "INFO", "attempt " + job.attempts() + " started on " + name);
            handler.run(context);
            queue.succeed(job.id(), name, context.lastMessage == null ? "done" : context.lastMessage);
            queue.log(job.id(), "INFO", "finished");
        } catch (JobContext.JobCancelledException | InterruptedException e) {
            queue.cancelled(job.id(), name);
            queue.log(job.id(), "WARN", "stopped: cancelled");
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // an Error of a job (a native library that does not load, a failed assertion) fails that job, not the worker
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.error("Job {} ({}) failed", job.id(), job.kind(), e);
            queue.log(job.id(), "ERROR", message);
            queue.fail(job.id(), name, message);
        } finally {
            beat.cancel(false);
            Thread.interrupted(); // clear a late interrupt before the next job
        }
    }

    private final class Context implements JobContext {
        private final Job job;
        private String lastMessage;
        private volatile boolean cancelled;

        Context(Job job) {
            this.job = job;
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
                cancelled = true;
                throw new JobCancelledException();
            }
        }

        @Override
        public void log(String message) {
            queue.log(job.id(), "INFO", message);
        }

        @Override
        public void checkCancelled() {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw new JobCancelledException();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler.shutdownNow();
            try {
                queue.workerStopped(name);
            } catch (RuntimeException e) {
                LOG.debug("Could not unregister worker {}: {}", name, e.getMessage());
            }
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

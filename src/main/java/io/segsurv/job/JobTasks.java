/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The job engine's task types (db-scheduler). There is one task type per execution class, so that a
 * worker restricted to GPU jobs registers only {@link #GPU_TASK} and never picks a CPU job (a
 * db-scheduler instance runs only the task types it knows). The task instance id is the job id, with
 * a suffix after a retry from the Jobs page; the job row holds everything else.
 */
@Configuration(proxyBeanMethods = false)
public class JobTasks {

    public static final String CPU_TASK = "segsurv-job";
    public static final String GPU_TASK = "segsurv-gpu-job";

    /** The task type that runs a job. */
    public static String taskName(boolean requiresGpu) {
        return requiresGpu ? GPU_TASK : CPU_TASK;
    }

    /** A task instance id for a job's first run ({@code retry == 0}) or for a later one. */
    public static String instanceId(long jobId, long retry) {
        return retry == 0 ? Long.toString(jobId) : jobId + "-" + retry;
    }

    /** The job of a task instance id. */
    public static long jobId(String instanceId) {
        int dash = instanceId.indexOf('-');
        return Long.parseLong(dash < 0 ? instanceId : instanceId.substring(0, dash));
    }

    static TaskInstance<Void> instance(long jobId, long retry, boolean requiresGpu) {
        return new TaskInstance<>(taskName(requiresGpu), instanceId(jobId, retry));
    }

    /** A task type bound to the given handlers (a worker's) or, for scheduling only, to none. */
    static Task<Void> task(String name, ExecutionHandler<Void> execution, FailureHandler<Void> failure, DeadExecutionHandler<Void> dead) {
        return Tasks.custom(name, Void.class).onFailure(failure).onDeadExecution(dead).execute(execution);
    }

    /**
     * Schedules executions in the caller's transaction: the proxy hands db-scheduler the connection of
     * the current Spring transaction (the one that inserts the job row), and db-scheduler does not
     * commit connections it did not open in auto-commit mode off, so the job row and its execution are
     * committed, or rolled back, together.
     */
    @Bean
    SchedulerClient jobSchedulerClient(DataSource dataSource) {
        ExecutionHandler<Void> none = (instance, context) -> {
            throw new IllegalStateException("a scheduling client does not execute jobs");
        };
        FailureHandler<Void> noFailure = (complete, ops) -> ops.remove();
        DeadExecutionHandler<Void> noDead = (complete, ops) -> { };
        List<Task<?>> tasks = List.of(task(CPU_TASK, none, noFailure, noDead), task(GPU_TASK, none, noFailure, noDead));
        return SchedulerClient.Builder.create(transactional(dataSource), tasks).build();
    }

    static DataSource transactional(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
    }
}

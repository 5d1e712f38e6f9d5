/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.JOB;
import static io.segsurv.db.generated.Tables.PROJECT_MEMBER;

import io.segsurv.audit.AuditService;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.project.ProjectAccess;
import io.segsurv.security.CurrentUser;
import io.segsurv.security.SegSurvPrincipal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * Jobs as users see them: members see their projects' jobs, administrators also the system jobs
 * (those without a project); PIs and researchers (and administrators for system jobs) submit,
 * cancel and retry.
 */
@Service
public class JobService {

    private final JobQueue queue;
    private final Worker worker;
    private final ProjectAccess access;
    private final CurrentUser currentUser;
    private final AuditService audit;

    public JobService(JobQueue queue, Worker worker, ProjectAccess access, CurrentUser currentUser, AuditService audit) {
        this.queue = queue;
        this.worker = worker;
        this.access = access;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    /** Jobs visible to the current user, optionally of one project and/or in some states. */
    public List<Job> list(Long projectId, List<JobState> states, int offset, int limit) {
        return queue.select(filter(projectId, states), offset, limit);
    }

    public int count(Long projectId, List<JobState> states) {
        return queue.count(filter(projectId, states));
    }

    public Job get(long jobId) {
        Job job = queue.find(jobId).orElseThrow(() -> notFound(jobId));
        requireView(job);
        return job;
    }

    public List<JobLogLine> logs(long jobId, long afterId) {
        get(jobId);
        return queue.logs(jobId, afterId);
    }

    public Job submit(String kind, Long projectId, String parameters) {
        return submit(kind, projectId, parameters, false);
    }

    /** As {@link #submit(String, Long, String)}; with {@code requiresGpu} only a GPU worker claims it. */
    public Job submit(String kind, Long projectId, String parameters, boolean requiresGpu) {
        JobHandler handler = worker.handlers().get(kind);
        if (handler == null) {
            throw new ValidationException("Unknown job kind '" + kind + "'; known kinds: " + worker.handlers().keySet());
        }
        requireManage(projectId);
        if (handler.adminOnly() && !currentUser.isAdmin()) {
            throw new ForbiddenException("Only administrators run '" + handler.title() + "' jobs");
        }
        long id = queue.submit(kind, projectId, currentUser.id(), parameters, requiresGpu, handler.maxAttempts());
        audit.record(currentUser.actor(), "JOB_SUBMITTED", projectId, null, "job " + id, kind);
        return get(id);
    }

    public Job cancel(long jobId) {
        Job job = get(jobId);
        requireManage(job.projectId());
        if (!queue.cancel(jobId)) {
            throw new ValidationException("Job " + jobId + " is " + job.state() + " and cannot be cancelled");
        }
        audit.record(currentUser.actor(), "JOB_CANCELLED", job.projectId(), null, "job " + jobId, job.kind());
        return get(jobId);
    }

    public Job retry(long jobId) {
        Job job = get(jobId);
        requireManage(job.projectId());
        if (!queue.retry(jobId)) {
            throw new ValidationException("Job " + jobId + " is " + job.state() + "; only failed or cancelled jobs can be retried");
        }
        audit.record(currentUser.actor(), "JOB_RETRIED", job.projectId(), null, "job " + jobId, job.kind());
        return get(jobId);
    }

    public String title(String kind) {
        JobHandler h = worker.handlers().get(kind);
        return h == null ? kind : h.title();
    }

    /** Workers that sent a heartbeat recently. */
    public List<String> activeWorkers() {
        return queue.activeWorkers(OffsetDateTime.now().minusMinutes(2));
    }

    private void requireView(Job job) {
        if (job.projectId() == null) {
            if (!currentUser.isAdmin()) {
                throw notFound(job.id());
            }
        } else if (access.role(job.projectId()).isEmpty()) {
            throw notFound(job.id());
        }
    }

    private void requireManage(Long projectId) {
        if (projectId == null) {
            if (!currentUser.isAdmin()) {
                throw new ForbiddenException("Only administrators run system jobs");
            }
        } else {
            access.requireManageData(projectId);
        }
    }

    private Condition filter(Long projectId, List<JobState> states) {
        SegSurvPrincipal me = currentUser.require();
        Condition memberOf = JOB.PROJECT_ID.in(DSL.select(PROJECT_MEMBER.PROJECT_ID).from(PROJECT_MEMBER)
                .where(PROJECT_MEMBER.USER_ID.eq(me.id())));
        Condition visible = me.admin() ? memberOf.or(JOB.PROJECT_ID.isNull()) : memberOf;
        Condition c = visible;
        if (projectId != null) {
            c = c.and(JOB.PROJECT_ID.eq(projectId));
        }
        if (states != null && !states.isEmpty()) {
            c = c.and(JOB.STATE.in(states.stream().map(Enum::name).toList()));
        }
        return c;
    }

    private static NotFoundException notFound(long jobId) {
        return new NotFoundException("Job " + jobId + " does not exist or you may not see it");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job.api;

import io.segsurv.job.Job;
import io.segsurv.job.JobLogLine;
import io.segsurv.job.JobService;
import io.segsurv.job.JobState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs")
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @Operation(summary = "Jobs of the caller's projects (and system jobs for administrators)")
    List<Job> list(@RequestParam(required = false) Long project, @RequestParam(required = false) List<JobState> state,
                   @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        return jobs.list(project, state, Math.max(0, offset), Math.clamp(limit, 1, 1000));
    }

    @GetMapping("/{jobId}")
    Job get(@PathVariable long jobId) {
        return jobs.get(jobId);
    }

    @GetMapping("/{jobId}/log")
    List<JobLogLine> log(@PathVariable long jobId, @RequestParam(defaultValue = "0") long after) {
        return jobs.logs(jobId, after);
    }

    /** Body of POST /jobs. */
    record NewJob(String kind, Long projectId, String parameters) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Submit a job of a known kind (e.g. filestore.verify, administrators)")
    Job submit(@RequestBody NewJob body) {
        return jobs.submit(body.kind(), body.projectId(), body.parameters());
    }

    @PostMapping("/{jobId}/cancel")
    Job cancel(@PathVariable long jobId) {
        return jobs.cancel(jobId);
    }

    @PostMapping("/{jobId}/retry")
    Job retry(@PathVariable long jobId) {
        return jobs.retry(jobId);
    }
}

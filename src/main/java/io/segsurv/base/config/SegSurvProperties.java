/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code segsurv.*}.
 *
 * @param dataDir       directory holding the embedded database and the content-addressed file store
 * @param adminPassword password of the admin account created on first start; random when blank
 * @param jobs          job execution in this process
 */
@ConfigurationProperties("segsurv")
public record SegSurvProperties(Path dataDir, String adminPassword, Jobs jobs) {

    public SegSurvProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (jobs == null) {
            jobs = new Jobs(true, 1, false, false, null, 2, 60);
        }
    }

    /**
     * @param runHere              whether this process takes jobs from the queue
     * @param threads              jobs run at the same time
     * @param gpu                  whether this node has a GPU (takes GPU jobs as well)
     * @param gpuOnly              whether this node takes only GPU jobs
     * @param workerName           name recorded on jobs and shown on the Jobs page
     * @param pollSeconds          queue poll interval
     * @param staleAfterSeconds    a running job whose worker has not sent a heartbeat for this long is re-queued
     */
    public record Jobs(boolean runHere, int threads, boolean gpu, boolean gpuOnly, String workerName,
                       int pollSeconds, int staleAfterSeconds) {
        public Jobs {
            if (threads < 1) {
                throw new IllegalArgumentException("segsurv.jobs.threads must be at least 1, was " + threads);
            }
            if (pollSeconds < 1) {
                pollSeconds = 2;
            }
            if (staleAfterSeconds < 5) {
                staleAfterSeconds = 60;
            }
        }
    }
}

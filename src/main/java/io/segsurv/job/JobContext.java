/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

/** What a running job may tell the platform: progress, log lines; and whether it was cancelled. */
public interface JobContext {

    long jobId();

    /** The job's parameters as submitted (JSON). */
    String parameters();

    /** Progress in [0, 1] and a short status message shown on the Jobs page. */
    void progress(double fraction, String message);

    void log(String message);

    /** Throws {@link JobCancelledException} if the job was cancelled or this thread interrupted. */
    void checkCancelled();

    /** Whether the job was cancelled, without throwing: for jobs that stop cleanly at their next step. */
    default boolean isCancelled() {
        try {
            checkCancelled();
            return false;
        } catch (JobCancelledException e) {
            return true;
        }
    }

    final class JobCancelledException extends RuntimeException {
        public JobCancelledException() {
            super("Job was cancelled");
        }
    }
}

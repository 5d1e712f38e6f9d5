/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

/**
 * One kind of job. Implementations are Spring beans; a worker runs a job by calling {@link #run}
 * on the thread that claimed it. Long loops should call {@link JobContext#checkCancelled()}.
 */
public interface JobHandler {

    /** Stable name stored in the job table, e.g. {@code filestore.verify}. */
    String kind();

    /** Human-readable name for the Jobs page. */
    String title();

    void run(JobContext context) throws Exception;

    /** Whether only administrators may submit it (e.g. it reads server paths). */
    default boolean adminOnly() {
        return false;
    }

    /**
     * Whether cancelling interrupts the job's thread (the default). A job that polls
     * {@link JobContext#checkCancelled()} between steps and must not be torn down in the middle of
     * one (writing a checkpoint, inside native code) returns false.
     */
    default boolean interruptOnCancel() {
        return true;
    }

    /** Attempts before the job is marked FAILED; a worker that dies counts as one. */
    default int maxAttempts() {
        return 3;
    }
}

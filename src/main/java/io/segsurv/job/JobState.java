/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}

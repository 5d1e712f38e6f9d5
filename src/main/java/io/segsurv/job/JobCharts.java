/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import io.segsurv.base.chart.ChartOption;
import java.util.Optional;

/**
 * A live chart of a job for the Jobs page, contributed by the feature that knows the job (e.g. the
 * training curves of a U-Net being trained), so the job package needs to know no feature.
 */
public interface JobCharts {

    /** The chart of this job, if this contributor knows one; access rules of the caller applied. */
    Optional<ChartOption> chartOf(long jobId);
}

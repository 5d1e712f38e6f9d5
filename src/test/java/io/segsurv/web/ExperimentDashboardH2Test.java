/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.web;

import io.segsurv.testsupport.OnH2;

@OnH2
class ExperimentDashboardH2Test extends ExperimentDashboardContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.web;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class ExperimentDashboardPostgresTest extends ExperimentDashboardContract {
}

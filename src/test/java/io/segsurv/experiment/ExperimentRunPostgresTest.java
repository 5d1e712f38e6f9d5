/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class ExperimentRunPostgresTest extends ExperimentRunContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import io.segsurv.testsupport.OnH2;

@OnH2
class ExperimentRunH2Test extends ExperimentRunContract {
}

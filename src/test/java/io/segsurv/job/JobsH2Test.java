/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import io.segsurv.testsupport.OnH2;

@OnH2
class JobsH2Test extends JobsContract {
}

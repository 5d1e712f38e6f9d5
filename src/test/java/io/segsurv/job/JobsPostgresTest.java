/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class JobsPostgresTest extends JobsContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.db;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class MigrationPostgresTest extends MigrationContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class StorageScpPostgresTest extends StorageScpContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class ModelPostgresTest extends ModelContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import io.segsurv.testsupport.OnPostgres;

@OnPostgres
class AccessRulesPostgresTest extends AccessRulesContract {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.db;

import io.segsurv.testsupport.OnH2;

@OnH2
class MigrationH2Test extends MigrationContract {
}

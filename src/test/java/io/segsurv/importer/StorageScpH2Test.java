/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import io.segsurv.testsupport.OnH2;

@OnH2
class StorageScpH2Test extends StorageScpContract {
}

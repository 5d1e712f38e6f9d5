/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.model;

import io.segsurv.testsupport.OnH2;

@OnH2
class ModelH2Test extends ModelContract {
}

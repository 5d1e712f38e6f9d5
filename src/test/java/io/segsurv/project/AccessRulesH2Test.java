/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

import io.segsurv.testsupport.OnH2;

@OnH2
class AccessRulesH2Test extends AccessRulesContract {
}

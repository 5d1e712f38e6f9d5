/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.archfixture.selection;

import org.springframework.context.ApplicationContext;

/** Deliberately violates the core rule; used only by ArchitectureTest to prove the rule can fail. */
public class SpringInCore {

    public String name(ApplicationContext context) {
        return context.getId();
    }
}

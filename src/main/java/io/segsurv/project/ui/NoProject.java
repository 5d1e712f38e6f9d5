/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project.ui;

import io.segsurv.base.ui.EmptyState;

/** What project-scoped pages show to a user who is not a member of any project. */
public final class NoProject {

    private NoProject() {
    }

    public static EmptyState state(String what) {
        return new EmptyState("No project selected",
                what + " belong to a project. You are not a member of any project yet: ask an administrator or a project's PI to add you.");
    }
}

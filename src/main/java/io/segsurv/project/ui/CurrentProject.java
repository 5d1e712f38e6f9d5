/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project.ui;

import com.vaadin.flow.server.VaadinSession;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import java.util.List;
import java.util.Optional;

/** The project chosen in the project switcher, kept in the user's session. */
public final class CurrentProject {

    private static final String KEY = "segsurv.currentProjectId";

    private CurrentProject() {
    }

    public static void set(long projectId) {
        VaadinSession.getCurrent().setAttribute(KEY, projectId);
    }

    /** The chosen project if the user is still a member, else their first project, else none. */
    public static Optional<Project> resolve(ProjectService projects) {
        return resolve(projects.listMine());
    }

    /** As {@link #resolve(ProjectService)}, from the user's projects already at hand. */
    public static Optional<Project> resolve(List<Project> mine) {
        Object id = VaadinSession.getCurrent().getAttribute(KEY);
        Optional<Project> chosen = mine.stream().filter(p -> id instanceof Long l && p.id() == l).findFirst();
        if (chosen.isEmpty() && !mine.isEmpty()) {
            set(mine.getFirst().id());
            return Optional.of(mine.getFirst());
        }
        return chosen;
    }
}

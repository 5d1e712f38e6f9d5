/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project;

/** A member's role in one project. ADMIN is global and not a project role. */
public enum ProjectRole {
    /** Principal investigator: manages members, cohorts and experiments, reviews results. */
    PI,
    /** Manages cohorts and experiments. */
    RESEARCHER,
    /** Views patients, results and risk maps only. */
    CLINICIAN;

    public boolean managesData() {
        return this == PI || this == RESEARCHER;
    }

    public String label() {
        return switch (this) {
            case PI -> "PI";
            case RESEARCHER -> "Researcher";
            case CLINICIAN -> "Clinician";
        };
    }
}

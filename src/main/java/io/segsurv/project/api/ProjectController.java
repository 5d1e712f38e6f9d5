/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.project.api;

import io.segsurv.project.Member;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.project.ProjectService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects")
class ProjectController {

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @GetMapping
    @Operation(summary = "Projects the caller can open (all for administrators)")
    List<Project> list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        return projects.listVisible(Math.max(0, offset), Math.clamp(limit, 1, 1000));
    }

    /** Body of POST /projects. */
    record NewProject(String name, String description) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a project (administrators only)")
    Project create(@RequestBody NewProject body) {
        return projects.create(body.name(), body.description());
    }

    @GetMapping("/{projectId}")
    @Operation(summary = "One project; 404 for projects the caller is not a member of")
    Project get(@PathVariable long projectId) {
        return projects.get(projectId);
    }

    @GetMapping("/{projectId}/members")
    @Operation(summary = "Members of a project and their roles")
    List<Member> members(@PathVariable long projectId) {
        return projects.members(projectId);
    }

    /** Body of PUT /projects/{id}/members/{userId}. */
    record MemberRole(ProjectRole role) {
    }

    @PutMapping("/{projectId}/members/{userId}")
    @Operation(summary = "Add a member or change their role (administrators and the project's PIs)")
    Member setMember(@PathVariable long projectId, @PathVariable long userId, @RequestBody MemberRole body) {
        return projects.setMember(projectId, userId, body.role());
    }

    @DeleteMapping("/{projectId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (administrators and the project's PIs)")
    void removeMember(@PathVariable long projectId, @PathVariable long userId) {
        projects.removeMember(projectId, userId);
    }
}

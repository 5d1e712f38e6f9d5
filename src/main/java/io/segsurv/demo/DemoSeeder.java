/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.demo;

import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.cohort.Cohort;
import io.segsurv.cohort.CohortService;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.project.ProjectService;
import io.segsurv.security.CurrentUser;
import io.segsurv.security.SegSurvPrincipal;
import io.segsurv.job.JobQueue;
import io.segsurv.user.User;
import io.segsurv.user.UserService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * {@code segsurv demo}: a demo project with one account per role, created once (idempotent), and
 * the logins printed at every start.
 */
@Component
@Profile("demo")
@Order(10)
class DemoSeeder implements ApplicationRunner {

    static final String PROJECT = "Demo: synthetic NSCLC PET/CT";
    static final String PASSWORD = "segsurv-demo";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final UserService users;
    private final ProjectService projects;
    private final CohortService cohorts;
    private final CurrentUser currentUser;
    private final JobQueue jobs;
    private final Path dataDir;
    private final String adminPassword;
    private boolean seeded;
    private final int port;

    DemoSeeder(UserService users, ProjectService projects, CohortService cohorts, CurrentUser currentUser, JobQueue jobs,
               SegSurvProperties properties, @Value("${segsurv.admin-password:}") String adminPassword, @Value("${server.port:8080}") int port) {
        this.users = users;
        this.projects = projects;
        this.cohorts = cohorts;
        this.currentUser = currentUser;
        this.jobs = jobs;
        this.dataDir = properties.dataDir();
        this.adminPassword = adminPassword;
        this.port = port;
    }

    /**
     * Queues the demo's preparation as one job (synthetic cohorts written and imported, the small
     * experiment launched): the server is up at once and the Jobs page shows the progress.
     */
    private void seedImages(long projectId, long adminId, Cohort training, Cohort external) {
        String parameters = JSON.writeValueAsString(java.util.Map.of("projectId", projectId, "adminId", adminId,
                "trainingCohortId", training.id(), "externalCohortId", external.id(), "directory", dataDir.resolve("demo").toString()));
        jobs.submit(DemoSeedJob.KIND, projectId, adminId, parameters, false, 3);
        seeded = true;
    }

    @Override
    public void run(ApplicationArguments args) {
        User admin = users.findByUsername("admin").orElseThrow();
        var holder = currentUser.strategy();
        holder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SegSurvPrincipal(admin.id(), admin.username(), admin.displayName(), true, true, null), null, java.util.List.of()));
        try {
            Map<String, ProjectRole> accounts = new LinkedHashMap<>();
            accounts.put("pi", ProjectRole.PI);
            accounts.put("researcher", ProjectRole.RESEARCHER);
            accounts.put("clinician", ProjectRole.CLINICIAN);
            Project project = projects.listVisible(0, 1000).stream().filter(p -> p.name().equals(PROJECT)).findFirst()
                    .orElseGet(() -> projects.create(PROJECT,
                            "Synthetic PET/CT cohort with known ground truth, for exploring SegSurv (Baek et al. 2019)."));
            accounts.forEach((name, role) -> {
                User u = users.findByUsername(name).orElseGet(() ->
                        users.create(name, "Demo " + role.label(), PASSWORD, false));
                if (projects.members(project.id()).stream().noneMatch(m -> m.userId() == u.id())) {
                    projects.setMember(project.id(), u.id(), role);
                }
            });
            // the admin also joins as PI so that it can create cohorts and experiments in the demo
            if (projects.members(project.id()).stream().noneMatch(m -> m.userId() == admin.id())) {
                projects.setMember(project.id(), admin.id(), ProjectRole.PI);
            }
            if (cohorts.count(project.id()) == 0) {
                Cohort training = cohorts.create(project.id(), "Synthetic NSCLC (training)",
                        "Synthetic PET/CT with GTV contours and survival follow-up (150 patients, ~96 qualifying for 2OS), "
                                + "for training and cross-validation.", Cohort.Kind.TRAINING);
                Cohort external = cohorts.create(project.id(), "Synthetic CT-only (external)",
                        "Synthetic CT-only cohort with overall-survival follow-up, for external validation.", Cohort.Kind.EXTERNAL);
                seedImages(project.id(), admin.id(), training, external);
            }
        } finally {
            holder.clearContext();
        }
        System.out.println();
        System.out.println("================================================================");
        System.out.println(" SegSurv demo is running at http://localhost:" + port + "/");
        System.out.println(" Logins (username / password):");
        System.out.println("   admin      / " + (adminPassword.isBlank() ? "(set at first start)" : adminPassword) + "   administrator");
        System.out.println("   pi         / " + PASSWORD + "   PI of the demo project");
        System.out.println("   researcher / " + PASSWORD + "   researcher");
        System.out.println("   clinician  / " + PASSWORD + "   clinician (views patients and results only)");
        if (seeded) {
            System.out.println(" The synthetic cohorts (150 PET/CT, 60 CT-only patients) are being imported, then the small demo experiment");
            System.out.println(" runs (a few minutes on 2 cores): watch it on the Jobs and Experiments pages.");
        }
        System.out.println(" Stop with Ctrl-C. Data lives in the data directory (--data).");
        System.out.println("================================================================");
        System.out.println();
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.cohort.Cohort;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.security.ApiTokenService;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.user.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API over real HTTP: token authentication, the same permission rules as the UI, OpenAPI. */
abstract class ApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Value("${local.server.port}")
    int port;
    @Autowired
    Fixtures fx;
    @Autowired
    ApiTokenService tokens;

    @Test
    void everyEndpointNeedsAToken() throws Exception {
        for (String path : List.of("/api/v1/me", "/api/v1/projects", "/api/v1/users", "/api/v1/jobs", "/api/v1/openapi.json",
                "/api/v1/projects/1/cohorts", "/api/v1/patients/1", "/api/v1/no-such-endpoint")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains("Bearer");
        }
        assertThat(get("/api/v1/me", "ssv_not-a-real-token").statusCode()).isEqualTo(401);
    }

    @Test
    void everyPageNeedsALogin() throws Exception {
        for (String path : List.of("/", "/projects", "/cohorts", "/experiments", "/jobs", "/admin/users", "/admin/audit",
                "/account", "/patients/1", "/projects/1", "/no-such-page", "/error")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isIn(302, 401);
            if (r.statusCode() == 302) {
                assertThat(r.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
            }
        }
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenActsWithItsOwnersPermissions() throws Exception {
        User alice = fx.user("alice");
        User bob = fx.user("bob");
        Project a = fx.project(alice, ProjectRole.CLINICIAN);
        Project b = fx.project(bob, ProjectRole.PI);
        String token = tokens.create(alice.id(), "script", Duration.ofDays(1)).token();

        JsonNode me = json(get("/api/v1/me", token));
        assertThat(me.get("username").asString()).isEqualTo(alice.username());
        JsonNode projects = json(get("/api/v1/projects", token));
        assertThat(projects.size()).isEqualTo(1);
        assertThat(projects.get(0).get("id").asLong()).isEqualTo(a.id());
        assertThat(projects.get(0).get("myRole").asString()).isEqualTo("CLINICIAN");

        HttpResponse<String> other = get("/api/v1/projects/" + b.id(), token);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("error").asString()).contains("does not exist or you are not a member");
        assertThat(get("/api/v1/projects/" + b.id() + "/cohorts", token).statusCode()).isEqualTo(404);

        HttpResponse<String> create = post("/api/v1/projects/" + a.id() + "/cohorts", token, "{\"name\":\"c1\"}");
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/users", token).statusCode()).isEqualTo(403);
    }

    @Test
    void researchersCreateCohortsAndBadInputIsExplained() throws Exception {
        User res = fx.user("res");
        Project p = fx.project(res, ProjectRole.RESEARCHER);
        String token = tokens.create(res.id(), "ci", null).token();
        HttpResponse<String> created = post("/api/v1/projects/" + p.id() + "/cohorts", token,
                "{\"name\":\"Training\",\"description\":\"d\",\"kind\":\"TRAINING\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        Cohort c = JSON.readValue(created.body(), Cohort.class);
        assertThat(c.name()).isEqualTo("Training");
        HttpResponse<String> duplicate = post("/api/v1/projects/" + p.id() + "/cohorts", token, "{\"name\":\"Training\"}");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("error").asString()).contains("already has a cohort named 'Training'");
        assertThat(post("/api/v1/projects/" + p.id() + "/cohorts", token, "{not json").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/projects/abc", token).statusCode()).isEqualTo(400);
    }

    @Test
    void aPatientCarriesItsDerivedEndpoints() throws Exception {
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        long patient = fx.patient(fx.cohort(pi, p), Fixtures.unique("PAT")); // 800 days, dead of the disease
        String token = tokens.create(pi.id(), "endpoints", null).token();
        JsonNode endpoints = json(get("/api/v1/patients/" + patient, token)).get("clinical").get("endpoints");
        // alive at 2 years (800 > 730.5 days), dead by 5 years: 2OS = 2DS = 1, 5OS = 5DS = 0
        assertThat(endpoints.get("2OS").asInt()).isEqualTo(1);
        assertThat(endpoints.get("2DS").asInt()).isEqualTo(1);
        assertThat(endpoints.get("5OS").asInt()).isZero();
        assertThat(endpoints.get("5DS").asInt()).isZero();
    }

    @Test
    void revokedAndExpiredTokensAreRefused() throws Exception {
        User u = fx.user("tok");
        var created = tokens.create(u.id(), "short", Duration.ofDays(1));
        assertThat(get("/api/v1/me", created.token()).statusCode()).isEqualTo(200);
        assertThat(tokens.list(u.id()).getFirst().lastUsedAt()).isNotNull();
        tokens.revoke(u.id(), created.info().id());
        assertThat(get("/api/v1/me", created.token()).statusCode()).isEqualTo(401);
        var expired = tokens.create(u.id(), "expired", Duration.ofSeconds(-1));
        assertThat(get("/api/v1/me", expired.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void administratorsManageUsersProjectsAndMembersThroughTheApi() throws Exception {
        String token = tokens.create(fx.admin().id(), Fixtures.unique("admin"), null).token();
        String username = Fixtures.unique("api").toLowerCase();
        HttpResponse<String> user = post("/api/v1/users", token,
                "{\"username\":\"" + username + "\",\"displayName\":\"Api User\",\"password\":\"long-enough-pw\"}");
        assertThat(user.statusCode()).isEqualTo(201);
        long userId = json(user).get("id").asLong();
        assertThat(user.body()).doesNotContain("password");
        HttpResponse<String> project = post("/api/v1/projects", token, "{\"name\":\"" + Fixtures.unique("api-project") + "\"}");
        assertThat(project.statusCode()).isEqualTo(201);
        long projectId = json(project).get("id").asLong();
        HttpResponse<String> member = send(HttpRequest.newBuilder(uri("/api/v1/projects/" + projectId + "/members/" + userId))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"PI\"}")));
        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(json(member).get("role").asString()).isEqualTo("PI");
        JsonNode members = json(get("/api/v1/projects/" + projectId + "/members", token));
        assertThat(members.size()).isEqualTo(1);
        assertThat(post("/api/v1/users", token, "{\"username\":\"x\",\"password\":\"short\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        String token = tokens.create(fx.user("doc").id(), "doc", null).token();
        HttpResponse<String> r = get("/api/v1/openapi.json", token);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(doc.get("paths").propertyNames()).contains("/api/v1/projects", "/api/v1/projects/{projectId}/members",
                "/api/v1/projects/{projectId}/cohorts", "/api/v1/jobs", "/api/v1/me");
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.segsurv.security.ui.LoginView;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two filter chains: the REST API under /api (bearer tokens, stateless, 401/403 as JSON) and
 * everything else through Vaadin's configurer (form login at /login, sessions, CSRF).
 * Every request outside Vaadin's static resources needs an authenticated user.
 */
@Configuration
@EnableWebSecurity
@ConditionalOnWebApplication
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens, CurrentUser currentUser) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, currentUser.strategy()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> writeError(res, 401,
                                "Authentication required: send 'Authorization: Bearer <token>' with a personal API token"))
                        .accessDeniedHandler((req, res, ex) -> writeError(res, 403, "Forbidden")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http) throws Exception {
        return http.with(VaadinSecurityConfigurer.vaadin(), c -> c.loginView(LoginView.class)).build();
    }

    private static void writeError(HttpServletResponse res, int status, String message) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"segsurv\"");
        }
        res.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}

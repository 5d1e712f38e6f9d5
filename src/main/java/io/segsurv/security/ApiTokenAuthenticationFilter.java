/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates REST requests that carry {@code Authorization: Bearer <token>}. Not a bean: used only in the API chain. */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final SecurityContextHolderStrategy holder;

    ApiTokenAuthenticationFilter(ApiTokenService tokens, SecurityContextHolderStrategy holder) {
        this.tokens = tokens;
        this.holder = holder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.authenticate(header.substring(7).strip()).ifPresent(p -> {
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
                holder.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}

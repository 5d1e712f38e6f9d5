/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import com.vaadin.flow.server.VaadinRequest;
import io.segsurv.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The account of the current request, whether it came through the UI or the REST API. */
@Component
public class CurrentUser {

    private final ObjectProvider<SecurityContextHolderStrategy> strategies;

    public CurrentUser(ObjectProvider<SecurityContextHolderStrategy> strategies) {
        this.strategies = strategies;
    }

    /**
     * This application's security-context holder: Vaadin's session-aware strategy bean on web
     * nodes, the thread-local default elsewhere. Used instead of the static holder, which a second
     * application context in the same JVM (as in the tests) would replace.
     */
    public SecurityContextHolderStrategy strategy() {
        return strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public Optional<SegSurvPrincipal> find() {
        Authentication auth = strategy().getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof SegSurvPrincipal p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }

    public SegSurvPrincipal require() {
        return find().orElseThrow(() -> new AccessDeniedException("Not logged in"));
    }

    public long id() {
        return require().id();
    }

    public boolean isAdmin() {
        return find().map(SegSurvPrincipal::admin).orElse(false);
    }

    /** The current user as recorded in the audit log, with the client address when there is a request. */
    public Actor actor() {
        SegSurvPrincipal p = require();
        return new Actor(p.id(), p.getUsername(), remoteAddress());
    }

    static String remoteAddress() {
        VaadinRequest vr = VaadinRequest.getCurrent();
        if (vr != null) {
            return vr.getRemoteAddr();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
            HttpServletRequest r = sra.getRequest();
            return r.getRemoteAddr();
        }
        return null;
    }
}

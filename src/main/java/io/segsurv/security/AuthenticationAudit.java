/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import io.segsurv.audit.Actor;
import io.segsurv.audit.AuditService;
import io.segsurv.user.UserService;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Writes interactive (form) logins and failed login attempts to the audit log. */
@Component
class AuthenticationAudit {

    private final AuditService audit;
    private final UserService users;

    AuthenticationAudit(AuditService audit, UserService users) {
        this.audit = audit;
        this.users = users;
    }

    @EventListener
    void onSuccess(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof SegSurvPrincipal p) {
            users.recordLogin(p.id());
            audit.record(new Actor(p.id(), p.getUsername(), CurrentUser.remoteAddress()), AuditService.LOGIN, null, null, "", "");
        }
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        audit.record(new Actor(null, name.length() > 64 ? name.substring(0, 64) : name, CurrentUser.remoteAddress()),
                AuditService.LOGIN_FAILED, null, null, "", event.getException().getClass().getSimpleName());
    }
}

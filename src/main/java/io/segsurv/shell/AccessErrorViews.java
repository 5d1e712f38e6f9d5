/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.annotation.security.PermitAll;
import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

/** Error views for the access exceptions thrown by services while a view opens. */
final class AccessErrorViews {

    private AccessErrorViews() {
    }

    /** Something of another project, or nothing at all: both look the same. */
    @PermitAll
    public static final class ObjectNotFound extends Div implements HasErrorParameter<NotFoundException> {
        private final Paragraph detail = new Paragraph();

        public ObjectNotFound() {
            addClassName("error-view");
            add(new H2("Not found"), detail, new Anchor("", "Back to your projects"));
        }

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
            detail.setText(parameter.getException().getMessage());
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }

    /** A member whose role does not allow the page (e.g. a clinician opening experiment configuration). */
    @PermitAll
    public static final class Forbidden extends Div implements HasErrorParameter<ForbiddenException> {
        private final Paragraph detail = new Paragraph();

        public Forbidden() {
            addClassName("error-view");
            add(new H2("Not allowed"), detail, new Anchor("", "Back to your projects"));
        }

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<ForbiddenException> parameter) {
            detail.setText(parameter.getException().getMessage());
            return HttpServletResponse.SC_FORBIDDEN;
        }
    }
}

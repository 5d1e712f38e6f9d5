/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** Shown for unknown routes and for objects that do not exist or that the user may not see. */
@PermitAll
public final class NotFoundView extends Div implements HasErrorParameter<NotFoundException> {

    private final Paragraph detail = new Paragraph();

    public NotFoundView() {
        addClassName("error-view");
        add(new H2("Not found"), detail, new Anchor("", "Back to your projects"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        detail.setText("There is nothing at '" + event.getLocation().getPath() + "', or you are not a member of the project it belongs to.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}

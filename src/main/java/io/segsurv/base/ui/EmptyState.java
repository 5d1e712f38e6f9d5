/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

/** What a list shows when it has nothing yet: what the list is for and what to do next. */
public final class EmptyState extends Div {

    public EmptyState(String title, String explanation, Component... actions) {
        addClassName("empty-state");
        add(new H3(title), new Paragraph(explanation));
        if (actions.length > 0) {
            Div bar = new Div(actions);
            bar.addClassName("empty-state-actions");
            add(bar);
        }
    }
}

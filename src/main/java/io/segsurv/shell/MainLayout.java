/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectService;
import io.segsurv.project.ui.CurrentProject;
import io.segsurv.security.CurrentUser;
import io.segsurv.security.SegSurvPrincipal;
import java.util.List;

/** The application shell: side menu built from the views' @Menu entries, project switcher, user menu. */
@Layout
@PermitAll
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final ProjectService projects;
    private final ComboBox<Project> switcher = new ComboBox<>();

    public MainLayout(ProjectService projects, CurrentUser currentUser, AuthenticationContext authentication) {
        this.projects = projects;
        setPrimarySection(Section.DRAWER);

        Span brand = new Span("SegSurv");
        brand.addClassName("brand");
        SideNav nav = new SideNav();
        nav.addClassName("main-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() != null
                    ? new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()))
                    : new SideNavItem(entry.title(), entry.path());
            nav.addItem(item);
        }
        addToDrawer(brand, new Scroller(nav));

        switcher.setPlaceholder("No project");
        switcher.setItemLabelGenerator(Project::name);
        switcher.setAriaLabel("Current project");
        switcher.addClassName("project-switcher");
        switcher.setWidth("18rem");
        switcher.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                CurrentProject.set(e.getValue().id());
                UI.getCurrent().getPage().reload();
            }
        });

        SegSurvPrincipal me = currentUser.require();
        MenuBar userMenu = new MenuBar();
        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Avatar avatar = new Avatar(me.displayName());
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        HorizontalLayout who = new HorizontalLayout(avatar, new Span(me.getUsername()));
        who.setAlignItems(HorizontalLayout.Alignment.CENTER);
        var root = userMenu.addItem(who);
        root.getSubMenu().addItem("Account and API tokens", e -> UI.getCurrent().navigate("account"));
        root.getSubMenu().addItem("Log out", e -> authentication.logout());
        userMenu.setId("user-menu");

        Div spacer = new Div();
        spacer.getStyle().set("flex-grow", "1");
        HorizontalLayout navbar = new HorizontalLayout(new DrawerToggle(), new Span("Project:"), switcher, spacer, userMenu);
        navbar.setWidthFull();
        navbar.setAlignItems(HorizontalLayout.Alignment.CENTER);
        navbar.addClassName("navbar");
        addToNavbar(navbar);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        List<Project> mine = projects.listMine();
        switcher.setItems(mine);
        CurrentProject.resolve(mine).ifPresentOrElse(switcher::setValue, switcher::clear);
        switcher.setEnabled(!mine.isEmpty());
    }
}

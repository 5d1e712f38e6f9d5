/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.SegSurvApplication;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Starts the Spring application with the properties a subcommand chose, and waits until it stops. */
final class SpringLauncher {

    private SpringLauncher() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties, boolean web, String... profiles) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SpringApplication app = new SpringApplication(SegSurvApplication.class);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        if (!web) {
            // workers and one-shot commands have no servlet container: leave Vaadin out
            properties = new java.util.LinkedHashMap<>(properties);
            properties.put("spring.autoconfigure.exclude", "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                    + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration");
        }
        if (profiles.length > 0) {
            app.setAdditionalProfiles(profiles);
        }
        // as command-line arguments: they take precedence over application.yml, environment variables stay below them
        return app.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** Blocks until the context is closed (Ctrl-C or SIGTERM run the shutdown hook). */
    static int awaitShutdown(ConfigurableApplicationContext context) {
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.isActive()) {
            return 1;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

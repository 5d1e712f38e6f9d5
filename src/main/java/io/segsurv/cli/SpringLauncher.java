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
        SpringApplication app = new SpringApplication(SegSurvApplication.class);
        app.setDefaultProperties(properties);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        if (profiles.length > 0) {
            app.setAdditionalProfiles(profiles);
        }
        return app.run();
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

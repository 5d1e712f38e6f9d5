/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the web application with a demo project and one login per role, and print them.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:SEGSURV_PORT:-8080}",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        Map<String, Object> props = common.springProperties();
        props.put("server.port", port);
        props.put("server.address", "127.0.0.1");
        props.put("segsurv.jobs.run-here", true);
        props.put("segsurv.dicom.enabled", true);
        return SpringLauncher.awaitShutdown(SpringLauncher.start(props, true, "demo"));
    }
}

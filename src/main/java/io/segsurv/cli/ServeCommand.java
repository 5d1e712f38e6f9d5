/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the web application (and, unless --no-jobs, an embedded job worker).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:SEGSURV_PORT:-8080}",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:SEGSURV_BIND:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
    String bind;

    @Option(names = "--no-jobs", description = "Do not run jobs in this process (run `segsurv worker` nodes instead).")
    boolean noJobs;

    @Option(names = "--dicom-port", paramLabel = "N", defaultValue = "${env:SEGSURV_DICOM_PORT:-11112}",
            description = "Port of the DICOM Storage SCP, routing by called AE title (default: ${DEFAULT-VALUE}; -1 to disable).")
    int dicomPort;

    @Override
    public Integer call() {
        return SpringLauncher.awaitShutdown(SpringLauncher.start(properties(), true));
    }

    Map<String, Object> properties() {
        Map<String, Object> props = common.springProperties();
        props.put("server.port", port);
        props.put("server.address", bind);
        props.put("segsurv.jobs.run-here", !noJobs);
        props.put("segsurv.dicom.enabled", dicomPort >= 0);
        props.put("segsurv.dicom.port", Math.max(0, dicomPort));
        props.put("segsurv.dicom.bind", bind);
        return props;
    }
}

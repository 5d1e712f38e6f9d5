/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Start a job worker without a web server; it takes jobs from the shared database.")
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--name", paramLabel = "NAME", description = "Worker name shown on the Jobs page (default: host-pid).")
    String name;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Jobs run at the same time (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--gpu", description = "This worker has a GPU: it also takes jobs that require one.")
    boolean gpu;

    @Option(names = "--gpu-only", description = "Take only jobs that require a GPU.")
    boolean gpuOnly;

    @Override
    public Integer call() {
        Map<String, Object> props = common.springProperties();
        props.put("segsurv.jobs.run-here", true);
        props.put("segsurv.jobs.threads", threads);
        props.put("segsurv.jobs.gpu", gpu || gpuOnly);
        props.put("segsurv.jobs.gpu-only", gpuOnly);
        if (name != null) {
            props.put("segsurv.jobs.worker-name", name);
        }
        return SpringLauncher.awaitShutdown(SpringLauncher.start(props, false));
    }
}

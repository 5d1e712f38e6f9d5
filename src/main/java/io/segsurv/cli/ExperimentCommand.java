/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.experiment.ExperimentRunner;
import io.segsurv.experiment.ExperimentRuns;
import io.segsurv.experiment.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code segsurv experiment run|launch|status}: an experiment from its YAML file, executed here
 * ({@code run}) or queued for the workers ({@code launch}), and a run's state ({@code status}).
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Experiments without a browser.",
        subcommands = {ExperimentCommand.Run.class, ExperimentCommand.Launch.class, ExperimentCommand.Status.class})
final class ExperimentCommand {

    /** The options of `run` and `launch`: the file, the project, synthetic cohorts, the negative control. */
    static final class FileOptions {
        @Mixin
        CommonOptions common;
        @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Experiment (see examples/).") Path config;
        @Option(names = "--project", required = true, paramLabel = "P",
                description = "Project name or id (created when the name is new; add members in the Admin pages).") String project;
        @Option(names = "--synth-seed", paramLabel = "S",
                description = "Generate and import the configuration's synthetic cohorts when they are empty.") Long synthSeed;
        @Option(names = "--permute-labels", description = "Negative control: shuffle the outcomes among the patients.") boolean permute;

        ExperimentSpec spec() {
            ExperimentSpec spec = ExperimentSpec.read(config);
            return permute ? spec.withPermutedLabels() : spec;
        }

        ConfigurableApplicationContext start() {
            return context(common);
        }

        long projectId(ConfigurableApplicationContext ctx) {
            return Lookup.projectOrCreate(ctx.getBean(DSLContext.class), project);
        }
    }

    /** Spring without web server and without running jobs here. */
    static ConfigurableApplicationContext context(CommonOptions common) {
        var props = common.springProperties();
        props.put("segsurv.jobs.run-here", false);
        props.put("logging.level.io.segsurv.importer", "WARN");
        return SpringLauncher.start(props, false);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run an experiment end to end: cohorts (generated and imported with --synth-seed), CT/PET U-Nets (trained,",
                    "resumed or reused), bottleneck features, per endpoint the cross-validated protocol with survival of the",
                    "predicted risk groups, baselines and external validation. Writes DIR/results.json, summary.csv, predictions.csv."})
    static final class Run implements Callable<Integer> {
        @Mixin
        FileOptions file;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Override
        public Integer call() throws Exception {
            ExperimentSpec spec = file.spec();
            try (var ctx = file.start()) {
                ctx.getBean(ExperimentRunner.class).run(file.projectId(ctx), spec, file.synthSeed, out, System.out::println);
                System.out.println("results in " + out.resolve("results.json"));
                return 0;
            }
        }
    }

    @Command(name = "launch", mixinStandardHelpOptions = true,
            description = {"Queue an experiment as jobs for the workers sharing the database (`segsurv worker`), like the Run button",
                    "of the experiment page: cohorts are prepared here (generated and imported with --synth-seed), the steps run",
                    "on the workers. Prints the run id; follow it with `experiment status --run ID` or in the browser."})
    static final class Launch implements Callable<Integer> {
        @Mixin
        FileOptions file;
        @Option(names = "--work", paramLabel = "DIR", description = "Where synthetic cohorts are generated (default: a temporary directory).")
        Path work;

        @Override
        public Integer call() throws Exception {
            ExperimentSpec spec = file.spec();
            Path dir = work != null ? work : Files.createTempDirectory("segsurv-launch");
            try (var ctx = file.start()) {
                long runId = ctx.getBean(ExperimentRunner.class).launch(file.projectId(ctx), spec, file.synthSeed, dir, System.out::println);
                System.out.println("run " + runId);
                return 0;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"A run's state and its steps (state, progress, job); with --out DIR the results of a finished run are",
                    "written as results.json, summary.csv and predictions.csv. Exit code 0 when the run succeeded, 3 while it",
                    "is queued or running, 4 when it failed or was cancelled."})
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Option(names = "--run", required = true, paramLabel = "ID") long runId;
        @Option(names = "--out", paramLabel = "DIR") Path out;

        @Override
        public Integer call() throws Exception {
            try (var ctx = context(common)) {
                var runs = ctx.getBean(ExperimentRuns.class);
                var run = runs.run(runId);
                System.out.println("run " + run.id() + " of '" + run.experimentName() + "' version " + run.version() + ": " + run.state());
                for (var s : runs.steps(runId)) {
                    System.out.printf(Locale.ROOT, "  %-14s %-9s %5.1f%%  %s%n", s.name(), s.state(), 100 * s.progress(), s.message());
                }
                var results = runs.results(runId);
                if (out != null && results != null) {
                    ExperimentRunner.write(results, out);
                    System.out.println("results in " + out.resolve("results.json"));
                }
                return switch (run.state()) {
                    case SUCCEEDED -> 0;
                    case FAILED, CANCELLED -> 4;
                    default -> 3;
                };
            }
        }
    }
}

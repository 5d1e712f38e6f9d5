/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.experiment.ExperimentRunner;
import io.segsurv.experiment.ExperimentSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segsurv experiment run --config FILE.yaml --project P --out DIR [--synth-seed S]}. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Experiments without a browser.",
        subcommands = {ExperimentCommand.Run.class, ExperimentCommand.Launch.class, ExperimentCommand.Status.class})
final class ExperimentCommand {

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run an experiment end to end: cohorts (generated and imported with --synth-seed), CT/PET U-Nets (trained,",
                    "resumed or reused), bottleneck features, per endpoint the cross-validated protocol with survival of the",
                    "predicted risk groups, baselines and external validation. Writes DIR/results.json, summary.csv, predictions.csv."})
    static final class Run implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Experiment (see examples/).") Path config;
        @Option(names = "--project", required = true, paramLabel = "P",
                description = "Project name or id (created when the name is new; add members in the Admin pages).") String project;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
        @Option(names = "--synth-seed", paramLabel = "S",
                description = "Generate and import the configuration's synthetic cohorts when they are empty.") Long synthSeed;
        @Option(names = "--permute-labels", description = "Negative control: shuffle the outcomes among the patients.") boolean permute;

        @Override
        public Integer call() throws Exception {
            ExperimentSpec spec = ExperimentSpec.read(config);
            if (permute && !spec.permuteLabels()) {
                spec = spec.withPermutedLabels();
            }
            var props = common.springProperties();
            props.put("segsurv.jobs.run-here", false);
            props.put("logging.level.io.segsurv.importer", "WARN");
            try (var ctx = SpringLauncher.start(props, false)) {
                org.jooq.DSLContext db = ctx.getBean(org.jooq.DSLContext.class);
                long projectId = Lookup.projectOrCreate(db, project);
                ctx.getBean(ExperimentRunner.class).run(projectId, spec, synthSeed, out, System.out::println);
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
        CommonOptions common;
        @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Experiment (see examples/).") Path config;
        @Option(names = "--project", required = true, paramLabel = "P", description = "Project name or id (created when the name is new).")
        String project;
        @Option(names = "--work", paramLabel = "DIR", description = "Where synthetic cohorts are generated (default: a temporary directory).")
        Path work;
        @Option(names = "--synth-seed", paramLabel = "S",
                description = "Generate and import the configuration's synthetic cohorts when they are empty.") Long synthSeed;
        @Option(names = "--permute-labels", description = "Negative control: shuffle the outcomes among the patients.") boolean permute;

        @Override
        public Integer call() throws Exception {
            ExperimentSpec spec = ExperimentSpec.read(config);
            if (permute) {
                spec = spec.withPermutedLabels();
            }
            var props = common.springProperties();
            props.put("segsurv.jobs.run-here", false);
            props.put("logging.level.io.segsurv.importer", "WARN");
            Path dir = work != null ? work : java.nio.file.Files.createTempDirectory("segsurv-launch");
            try (var ctx = SpringLauncher.start(props, false)) {
                org.jooq.DSLContext db = ctx.getBean(org.jooq.DSLContext.class);
                long projectId = Lookup.projectOrCreate(db, project);
                long runId = ctx.getBean(ExperimentRunner.class).launch(projectId, spec, synthSeed, dir, System.out::println);
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
            var props = common.springProperties();
            props.put("segsurv.jobs.run-here", false);
            try (var ctx = SpringLauncher.start(props, false)) {
                var runs = ctx.getBean(io.segsurv.experiment.ExperimentRuns.class);
                var run = runs.run(runId);
                System.out.println("run " + run.id() + " of '" + run.experimentName() + "' version " + run.version() + ": " + run.state());
                for (var s : runs.steps(runId)) {
                    System.out.printf(java.util.Locale.ROOT, "  %-14s %-9s %5.1f%%  %s%n", s.name(), s.state(), 100 * s.progress(), s.message());
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

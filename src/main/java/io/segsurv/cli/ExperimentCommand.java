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
        subcommands = ExperimentCommand.Run.class)
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
}

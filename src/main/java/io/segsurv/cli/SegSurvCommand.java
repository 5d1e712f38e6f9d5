/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import picocli.CommandLine.Command;

/** The top-level {@code segsurv} command; its subcommands are what users and scripts call. */
@Command(name = "segsurv",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "SegSurv: survival prediction of lung cancer from PET/CT with features learned by segmentation networks.",
        footer = {"", "Database: embedded H2 in DATA/db unless SEGSURV_DB_URL (with SEGSURV_DB_USER, SEGSURV_DB_PASSWORD) names another,",
                "e.g. jdbc:postgresql://host:5432/segsurv. On first start an admin account is created; its password is",
                "SEGSURV_ADMIN_PASSWORD or a random one printed once."},
        subcommands = {ServeCommand.class, DemoCommand.class, WorkerCommand.class, UserCommand.class, ImportCommand.class, SynthCommand.class, StatsCommand.class,
                TrainCommand.class, ExtractCommand.class, ExperimentCommand.class})
public final class SegSurvCommand {
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv;

import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import io.segsurv.cli.SegSurvCommand;
import picocli.CommandLine;

/** Entry point of the jar: every user-facing operation is a picocli subcommand. */
public final class SegSurv {

    private SegSurv() {
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new SegSurvCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(SegSurv::report)
                .execute(args);
        System.exit(exitCode);
    }

    /** Input errors are reported in one line that names the problem; anything else keeps its stack trace. */
    private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationException || t instanceof NotFoundException || t instanceof ForbiddenException
                    || t instanceof io.segsurv.stats.StatsInputException || t instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + t.getMessage());
                return 2;
            }
        }
        cmd.getErr().println("error: " + e);
        e.printStackTrace(cmd.getErr());
        return 1;
    }
}

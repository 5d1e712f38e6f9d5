/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv;

import io.segsurv.cli.SegSurvCommand;
import picocli.CommandLine;

/** Entry point of the jar: every user-facing operation is a picocli subcommand. */
public final class SegSurv {

    private SegSurv() {
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new SegSurvCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        System.exit(exitCode);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every subcommand accepts. */
public final class CommonOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:SEGSURV_DATA:-./data}",
            description = "Data directory: the embedded H2 database and the file store (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Spring properties derived from the options; the database environment variables are read by application.yml. */
    Map<String, Object> springProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("segsurv.data-dir", dataDir.toAbsolutePath().normalize().toString());
        return props;
    }
}

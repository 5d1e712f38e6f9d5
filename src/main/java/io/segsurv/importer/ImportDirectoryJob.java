/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import io.segsurv.audit.Actor;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.job.JobContext;
import io.segsurv.job.JobHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job {@code cohort.import-directory}: imports a folder on the server (e.g. a mounted archive)
 * into a cohort, with progress on the Jobs page. Parameters:
 * {@code {"cohortId": 1, "directory": "/path", "clinical": "/path/clinical.csv" (optional)}}.
 * Server paths are an administrator's business: only administrators submit it.
 */
@Component
class ImportDirectoryJob implements JobHandler {

    static final String KIND = "cohort.import-directory";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ImportService imports;

    ImportDirectoryJob(ImportService imports) {
        this.imports = imports;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Import a server folder";
    }

    @Override
    public int maxAttempts() {
        return 1; // an import is idempotent, but a failed one should be looked at, not repeated
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public void run(JobContext context) {
        JsonNode p = JSON.readTree(context.parameters());
        long cohortId = p.path("cohortId").asLong();
        Path directory = Path.of(p.path("directory").asString(""));
        String clinical = p.path("clinical").asString("");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a directory");
        }
        ImportReport report = imports.importFiles(new ImportService.Request(cohortId, directory, clinical.isEmpty() ? null : Path.of(clinical),
                ImportService.Source.CLI, new Actor(null, "job " + context.jobId(), null), Deidentifier.Dates.SHIFT, TumourRule.DEFAULT),
                progress -> {
                    context.checkCancelled();
                    context.progress(progress.total() == 0 ? 0 : 0.99 * progress.done() / progress.total(), progress.step());
                });
        report.lines().forEach(context::log);
        context.progress(1.0, report.lines().getFirst());
    }
}

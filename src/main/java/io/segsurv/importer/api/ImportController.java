/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer.api;

import io.segsurv.base.ValidationException;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.importer.ImportBatches;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.SafeZip;
import io.segsurv.importer.TumourRule;
import io.segsurv.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Import")
class ImportController {

    private final ImportService imports;
    private final ImportBatches batches;
    private final CurrentUser currentUser;

    ImportController(ImportService imports, ImportBatches batches, CurrentUser currentUser) {
        this.imports = imports;
        this.batches = batches;
        this.currentUser = currentUser;
    }

    @PostMapping(value = "/cohorts/{cohortId}/import", consumes = "application/zip")
    @Operation(summary = "Import a zip of DICOM files (and optionally clinical.csv at its top level) into a cohort (PI and RESEARCHER)")
    ImportReport importZip(@PathVariable long cohortId, @RequestParam(defaultValue = "shift") String dates, HttpServletRequest request)
            throws IOException {
        Deidentifier.Dates mode = switch (dates) {
            case "shift" -> Deidentifier.Dates.SHIFT;
            case "keep" -> Deidentifier.Dates.KEEP;
            default -> throw new ValidationException("dates must be 'shift' or 'keep', was '" + dates + "'");
        };
        imports.requireCanImport(cohortId); // before reading the body
        Path dir = Files.createTempDirectory("segsurv-api-import");
        try {
            try (InputStream in = request.getInputStream()) {
                SafeZip.extract(in, request.getContentLengthLong(), "request body", dir, SafeZip.Limits.DEFAULT);
            } catch (IOException e) {
                throw new ValidationException(e.getMessage());
            }
            Path clinical = dir.resolve("clinical.csv");
            Path moved = null;
            if (Files.isRegularFile(clinical)) {
                moved = Files.createTempFile("clinical", ".csv");
                Files.move(clinical, moved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ImportReport report = imports.importAsMember(new ImportService.Request(cohortId, dir, moved, ImportService.Source.UPLOAD,
                    currentUser.actor(), mode, TumourRule.DEFAULT), null);
            if (moved != null) {
                Files.deleteIfExists(moved);
            }
            return report;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @GetMapping("/cohorts/{cohortId}/imports")
    @Operation(summary = "Import batches of a cohort, newest first (members)")
    List<ImportBatches.Batch> list(@PathVariable long cohortId) {
        return batches.list(cohortId);
    }

    @GetMapping("/imports/{batchId}")
    @Operation(summary = "The full report of one import (members)")
    ImportReport report(@PathVariable long batchId) {
        return batches.report(batchId);
    }
}

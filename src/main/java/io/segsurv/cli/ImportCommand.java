/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PROJECT;

import io.segsurv.audit.Actor;
import io.segsurv.base.ValidationException;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.importer.ClinicalCsv;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.TumourRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code segsurv import DIR --project P --cohort C [--clinical FILE.csv]}: the same pipeline as the browser upload. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a folder of DICOM files (PET/CT, RTSTRUCT; any layout, any file names) and a clinical CSV into a cohort.",
                "Files are de-identified on the way in. Exit code 0: everything imported; 3: some files or patients were rejected."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "Folder with the DICOM files (searched recursively).")
    Path directory;

    @Option(names = "--project", required = true, paramLabel = "P", description = "Project name or id.")
    String project;

    @Option(names = "--cohort", required = true, paramLabel = "C", description = "Cohort name or id (created as a training cohort if the name is new).")
    String cohort;

    @Option(names = "--clinical", paramLabel = "FILE.csv", description = "Clinical table (NSCLC-Radiomics layout recognised automatically).")
    Path clinical;

    @Option(names = "--clinical-columns", paramLabel = "FIELD=COLUMN,...",
            description = "Column names of a clinical table in another layout, e.g. patientId=ID,followUpDays=os_days,dead=event "
                    + "(fields: patientId, age, sex, stage, histology, followUpDays, dead, causeOfDeath; the rest as NSCLC-Radiomics).")
    String clinicalColumns;

    @Option(names = "--keep-dates", description = "Keep full dates (Retain Longitudinal With Full Dates) instead of shifting them per patient.")
    boolean keepDates;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the import report as JSON.")
    Path out;

    @Option(names = "--tumour-ct", paramLabel = "REGEX", split = ",",
            description = "Name patterns of the CT tumour ROI, tried in order, case-insensitive (default: GTV-?1, GTV, GTV[-_ ]?(CT|P|PRIMARY|TUMOU?R)).")
    List<String> tumourCt;

    @Option(names = "--tumour-pet", paramLabel = "REGEX", split = ",",
            description = "Name patterns of the PET tumour ROI (default: GTV[-_ ]?PET, PET[-_ ]?GTV); without a match the CT tumour is used for PET.")
    List<String> tumourPet;

    TumourRule rule() {
        try {
            return new TumourRule(
                    tumourCt == null ? TumourRule.DEFAULT.ct() : tumourCt.stream().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList(),
                    tumourPet == null ? TumourRule.DEFAULT.pet() : tumourPet.stream().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList());
        } catch (PatternSyntaxException e) {
            throw new ValidationException("Not a regular expression: " + e.getPattern() + " (" + e.getDescription() + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(directory)) {
            throw new ValidationException(directory + " is not a directory");
        }
        if (clinical != null && !Files.isRegularFile(clinical)) {
            throw new ValidationException(clinical + " does not exist");
        }
        TumourRule rule = rule();
        ClinicalCsv.Mapping mapping;
        try {
            mapping = clinicalColumns == null ? ClinicalCsv.Mapping.NSCLC_RADIOMICS : ClinicalCsv.Mapping.parse(clinicalColumns);
        } catch (ClinicalCsv.ClinicalCsvException e) {
            throw new ValidationException(e.getMessage());
        }
        var props = common.springProperties();
        props.put("segsurv.jobs.run-here", false);
        props.put("logging.level.io.segsurv.importer", "WARN");
        try (var ctx = SpringLauncher.start(props, false)) {
            DSLContext db = ctx.getBean(DSLContext.class);
            long projectId = Lookup.project(db, project);
            long cohortId = resolveCohort(db, projectId);
            ImportReport report = ctx.getBean(ImportService.class).importFiles(new ImportService.Request(cohortId, directory, clinical,
                    ImportService.Source.CLI, new Actor(null, "cli:" + System.getProperty("user.name"), null),
                    keepDates ? Deidentifier.Dates.KEEP : Deidentifier.Dates.SHIFT, rule, mapping), p -> {
                    });
            report.lines().forEach(System.out::println);
            if (out != null) {
                Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            }
            return report.filesRejected() > 0 || report.patientsRejected() > 0 ? 3 : 0;
        }
    }

    private long resolveCohort(DSLContext db, long projectId) {
        Long id = db.select(COHORT.ID).from(COHORT).where(COHORT.PROJECT_ID.eq(projectId).and(COHORT.NAME.eq(cohort))).fetchOne(COHORT.ID);
        if (id == null && cohort.matches("\\d+")) {
            id = db.select(COHORT.ID).from(COHORT).where(COHORT.PROJECT_ID.eq(projectId).and(COHORT.ID.eq(Long.parseLong(cohort))))
                    .fetchOne(COHORT.ID);
        }
        if (id == null) {
            id = db.insertInto(COHORT).set(COHORT.PROJECT_ID, projectId).set(COHORT.NAME, cohort).set(COHORT.KIND, "TRAINING")
                    .returning(COHORT.ID).fetchOne().getId();
            System.out.println("created cohort '" + cohort + "'");
        }
        return id;
    }
}

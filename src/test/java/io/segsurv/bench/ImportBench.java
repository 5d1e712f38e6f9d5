/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.bench;

import io.segsurv.SegSurvApplication;
import io.segsurv.audit.Actor;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.TumourRule;
import io.segsurv.synth.SyntheticCohort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PROJECT;

/**
 * Issue 3's performance target: import plus pre-processing of one synthetic patient at clinical
 * size (CT 512x512 x ~150 slices, PET, RTSTRUCT), in-process after warm-up, against Debian's
 * {@code dcm2niix} converting the same CT and PET series, measured in the same run. Goal: at most
 * 2x dcm2niix's time. Not a test: run
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.segsurv.bench.ImportBench [patients]}
 * (see docs/BENCHMARKS.md).
 */
public final class ImportBench {

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path work = Files.createTempDirectory("segsurv-bench");
        Path cohort = work.resolve("cohort");
        System.out.printf(Locale.ROOT, "generating %d paper-profile patients...%n", patients);
        SyntheticCohort.generate(new SyntheticCohort.Options(patients, 20261128L, false, "paper"), cohort);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(cohort)) {
            dirs = s.filter(p -> Files.isDirectory(p.resolve("CT"))).sorted().toList();
        }
        // command-line arguments, so that they win over application.yml
        var ctx = new SpringApplicationBuilder(SegSurvApplication.class).web(WebApplicationType.NONE).run(
                "--segsurv.data-dir=" + work.resolve("data"), "--segsurv.jobs.run-here=false", "--logging.level.root=WARN", "--logging.level.io.segsurv.importer.ImportService=" + System.getProperty("bench.log", "WARN"),
                "--spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("data/db/segsurv")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        try (ctx) {
            DSLContext db = ctx.getBean(DSLContext.class);
            long project = db.insertInto(PROJECT).set(PROJECT.NAME, "bench").returning(PROJECT.ID).fetchOne().getId();
            long cohortId = db.insertInto(COHORT).set(COHORT.PROJECT_ID, project).set(COHORT.NAME, "bench").returning(COHORT.ID).fetchOne().getId();
            ImportService imports = ctx.getBean(ImportService.class);
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                Path dir = dirs.get(i);
                long files = countFiles(dir);
                double niix = dcm2niix(dir.resolve("CT"), work.resolve("nii-" + i + "-ct")) + dcm2niix(dir.resolve("PT"), work.resolve("nii-" + i + "-pt"));
                long t0 = System.nanoTime();
                ImportReport report = imports.importFiles(new ImportService.Request(cohortId, dir, null, ImportService.Source.CLI, Actor.SYSTEM,
                        Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), null);
                double ours = (System.nanoTime() - t0) / 1e6;
                String pre = report.patients().isEmpty() ? "" : String.valueOf(report.patients().getFirst().preprocessing());
                System.out.printf(Locale.ROOT, "patient %d (%s, %d files): segsurv import+preprocess %.0f ms, dcm2niix CT+PET %.0f ms, ratio %.2f  [%s]%s%n",
                        i + 1, dir.getFileName(), files, ours, niix, ours / niix, pre, i == 0 ? "  (warm-up, not counted)" : "");
                if (report.patientsStored() != 1) {
                    throw new IllegalStateException("import failed: " + String.join("\n", report.lines()));
                }
                if (i > 0) {
                    rows.add(new double[] {ours, niix});
                }
            }
            double ours = rows.stream().mapToDouble(r -> r[0]).average().orElse(Double.NaN);
            double niix = rows.stream().mapToDouble(r -> r[1]).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "MEAN over %d patients after warm-up: segsurv %.0f ms, dcm2niix %.0f ms, ratio %.2f (goal <= 2.0)%n",
                    rows.size(), ours, niix, ours / niix);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** Wall time of dcm2niix converting one series folder to NIfTI (uncompressed, no BIDS sidecar). */
    private static double dcm2niix(Path series, Path out) throws Exception {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("dcm2niix", "-z", "n", "-b", "n", "-o", out.toString(), "-f", "%s", series.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("dcm2niix failed on " + series + " (install Debian's dcm2niix); see " + out.resolve("log.txt"));
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static io.segsurv.db.generated.Tables.COHORT;
import static io.segsurv.db.generated.Tables.PATIENT;

import io.segsurv.audit.Actor;
import io.segsurv.base.ValidationException;
import io.segsurv.dicom.Deidentifier;
import io.segsurv.importer.ImportReport;
import io.segsurv.importer.ImportService;
import io.segsurv.importer.TumourRule;
import io.segsurv.synth.SyntheticCohort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an experiment end to end without a browser: cohorts (optionally generated synthetically and
 * imported), then the experiment recorded in the project (by name; a changed configuration is a new
 * version) and a run whose steps ({@link ExperimentSteps}: U-Nets trained, resumed or reused,
 * bottleneck features, per endpoint the cross-validated protocol with survival, baselines and
 * external validation, summary) execute here one after the other, the same code the jobs of a run
 * started in the browser execute. Writes results.json and CSV tables; the run's results are also in
 * the database, so the browser shows the same numbers.
 */
@Service
public class ExperimentRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DSLContext db;
    private final ImportService imports;
    private final ExperimentRuns runs;
    private final StepRunner steps;

    public ExperimentRunner(DSLContext db, ImportService imports, ExperimentRuns runs, StepRunner steps) {
        this.db = db;
        this.imports = imports;
        this.runs = runs;
        this.steps = steps;
    }

    /** Results as written to results.json (maps and lists: the JSON contract in docs/EXPERIMENT_JSON.md). */
    public Map<String, Object> run(long projectId, ExperimentSpec spec, Long synthSeed, Path outDir, Consumer<String> log)
            throws IOException {
        long started = System.nanoTime();
        long runId = runs.create(version(projectId, spec, synthSeed, outDir, log), "HEADLESS", null);
        ExperimentRuns.Run run = runs.run(runId);
        log.accept("experiment '" + spec.name() + "' version " + run.version() + ", run " + runId);
        ExperimentSteps.Reporter reporter = new ExperimentSteps.Reporter() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public void log(String message) {
                log.accept(message);
            }
        };
        for (ExperimentRuns.Step step : runs.steps(runId)) {
            steps.run(runId, step.name(), reporter, () -> false);
        }
        Map<String, Object> results = new LinkedHashMap<>(runs.results(runId));
        results.put("seconds", (System.nanoTime() - started) / 1e9);
        write(results, outDir);
        return results;
    }

    /**
     * Queues a run of the experiment as jobs (for the workers sharing this database) instead of
     * running it here: the cohorts are prepared first (synthetic ones generated and imported with a
     * seed). Returns the run's id.
     */
    public long launch(long projectId, ExperimentSpec spec, Long synthSeed, Path workDir, Consumer<String> log) throws IOException {
        long runId = runs.launch(version(projectId, spec, synthSeed, workDir, log), null);
        log.accept("experiment '" + spec.name() + "' run " + runId + " queued");
        return runId;
    }

    /** Cohorts prepared and the experiment's version for the file's configuration (created or reused). */
    private long version(long projectId, ExperimentSpec spec, Long synthSeed, Path workDir, Consumer<String> log) throws IOException {
        Files.createDirectories(workDir);
        int trainPatients = spec.synthetic() == null ? 0 : spec.synthetic().patients();
        long cohortId = cohort(projectId, spec.cohort(), synthSeed, trainPatients, spec, workDir, log, 1);
        Long externalId = spec.externalCohort() == null ? null : cohort(projectId, spec.externalCohort(), synthSeed,
                spec.synthetic() == null ? 0 : spec.synthetic().externalPatients(), spec, workDir, log, trainPatients + 1);
        ExperimentConfig config = spec.config(cohortId, externalId); // validates the settings before hours of training
        return runs.versionFor(projectId, spec.name(), "", config, null);
    }

    /** results.json, summary.csv and predictions.csv of a results document. */
    @SuppressWarnings("unchecked")
    public static void write(Map<String, Object> results, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(outDir.resolve("results.json").toFile(), results);
        List<String[]> summaryRows = new ArrayList<>();
        List<String[]> predictionRows = new ArrayList<>();
        for (var entry : ((Map<String, Object>) results.get("endpoints")).entrySet()) {
            String label = entry.getKey();
            Map<String, Object> e = (Map<String, Object>) entry.getValue();
            if (e == null || !(e.get("summary") instanceof Map<?, ?> summary)) {
                continue;
            }
            summary.forEach((metric, v) -> {
                Map<String, Object> s = (Map<String, Object>) v;
                List<Object> fold = (List<Object>) s.get("foldInterval");
                List<Object> delong = (List<Object>) s.get("delongCi");
                summaryRows.add(new String[] {label, (String) metric, num(s.get("mean")), num(s.get("sd")), num(fold.get(0)), num(fold.get(1)),
                        delong == null ? "" : num(delong.get(0)), delong == null ? "" : num(delong.get(1))});
            });
            Map<String, Object> outcomes = (Map<String, Object>) e.get("outcomes");
            for (Object o : (List<Object>) e.get("folds")) {
                Map<String, Object> f = (Map<String, Object>) o;
                ((Map<String, Object>) f.get("predictions")).forEach((patient, p) -> predictionRows.add(new String[] {label,
                        String.valueOf(f.get("repeat")), String.valueOf(f.get("fold")), patient, num(p), String.valueOf(outcomes.get(patient))}));
            }
        }
        csv(outDir.resolve("summary.csv"), new String[] {"endpoint", "metric", "mean", "sd", "foldLow", "foldHigh", "delongLow",
                "delongHigh"}, summaryRows);
        csv(outDir.resolve("predictions.csv"), new String[] {"endpoint", "repeat", "fold", "patient", "pSurvival", "outcome"},
                predictionRows);
    }

    /** The cohort by name; created and filled with a synthetic cohort when it is empty and a seed is given. */
    /** @param firstIndex number of the first synthetic patient (an external cohort continues after the training one) */
    private long cohort(long projectId, String name, Long synthSeed, int patients, ExperimentSpec spec, Path outDir,
            Consumer<String> log, int firstIndex) throws IOException {
        Long id = db.select(COHORT.ID).from(COHORT).where(COHORT.PROJECT_ID.eq(projectId).and(COHORT.NAME.eq(name))).fetchOne(COHORT.ID);
        int existing = id == null ? 0 : db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(id));
        if (existing > 0) {
            log.accept("cohort '" + name + "': " + existing + " patients already imported");
            return id;
        }
        if (synthSeed == null || patients <= 0) {
            throw new ValidationException("cohort '" + name + "' has no patients: import it first, or pass --synth-seed S with a "
                    + "'synthetic' section in the configuration");
        }
        if (id == null) {
            id = db.insertInto(COHORT).set(COHORT.PROJECT_ID, projectId).set(COHORT.NAME, name)
                    .set(COHORT.KIND, firstIndex == 1 ? "TRAINING" : "EXTERNAL").returning(COHORT.ID).fetchOne().getId();
        }
        Path dir = outDir.resolve("synthetic").resolve(name);
        log.accept("cohort '" + name + "': generating synthetic patients " + firstIndex + "-" + (firstIndex + patients - 1)
                + " (seed " + synthSeed + ")");
        SyntheticCohort.generate(new SyntheticCohort.Options(patients, synthSeed, false, spec.synthetic().profile(), firstIndex), dir);
        ImportReport report = imports.importFiles(new ImportService.Request(id, dir, dir.resolve("clinical.csv"), ImportService.Source.CLI,
                new Actor(null, "experiment run", null), Deidentifier.Dates.SHIFT, TumourRule.DEFAULT), null);
        log.accept("cohort '" + name + "': " + report.patientsStored() + " patients imported, " + report.patientsRejected() + " rejected");
        return id;
    }

    private static String num(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? Double.toString(n.doubleValue()) : "";
    }

    private static void csv(Path file, String[] header, List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
        Files.writeString(file, sb);
    }
}

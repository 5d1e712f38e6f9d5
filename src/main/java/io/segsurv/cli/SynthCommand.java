/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.synth.PatientTruth;
import io.segsurv.synth.SyntheticCohort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a synthetic PET/CT cohort with known ground truth; runs without Spring. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic NSCLC PET/CT cohort in DICOM (CT, PET, RTSTRUCT) with clinical.csv and "
                + "the ground truth (truth.csv, truth/<PatientID>.json); see docs/SYNTHETIC_COHORT.md.",
                "The same seed and options always give byte-identical files."})
public final class SynthCommand implements Callable<Integer> {

    @Option(names = "--patients", paramLabel = "N", defaultValue = "150",
            description = "Number of patients, 1-" + SyntheticCohort.MAX_PATIENTS
                    + " (default: ${DEFAULT-VALUE}, the cohort size the survival model is tuned for).")
    int patients;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (required); any integer.")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (required); must not exist or be empty.")
    Path out;

    @Option(names = "--ct-only",
            description = "A CT-only cohort like the external validation set: no PET, GTV-1 only, no cause of death.")
    boolean ctOnly;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "paper",
            description = "Image geometry: paper (512x512 CT, ~4 mm PET) or small (128x128 CT, 48x48 PET, for tests) "
                    + "(default: ${DEFAULT-VALUE}).")
    String profile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            if (seed == null) {
                throw new IllegalArgumentException("--seed is required");
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            SyntheticCohort.Options options = new SyntheticCohort.Options(patients, seed, ctOnly, profile);
            SyntheticCohort.Summary s = SyntheticCohort.generate(options, out, p -> {
                stdout.println(line(p));
                stdout.flush();
            });
            stdout.println(String.format(Locale.ROOT,
                    "%d patients (%s, profile %s, seed %d): %d files, %.1f MB in %.1f s; %d deaths, "
                            + "2-year OS (Kaplan-Meier) %.2f, %d qualify for 2OS -> %s",
                    s.patients().size(), ctOnly ? "CT only" : "PET/CT", options.profile(), seed, s.files(),
                    s.bytes() / 1e6, s.millis() / 1000.0, s.deaths(), s.overallSurvival2y(), s.qualifying2os(),
                    out.toAbsolutePath().normalize()));
            stdout.flush();
            return 0;
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            stderr.println("error: " + e.getMessage());
            stderr.flush();
            return 2;
        }
    }

    private static String line(SyntheticCohort.PatientSummary p) {
        PatientTruth t = p.truth();
        PatientTruth.Measured m = t.measured();
        String outcome = t.dead() ? "dead" + (t.causeOfDeath().isEmpty() ? "" : " (" + t.causeOfDeath() + ")")
                : "censored";
        String pet = Double.isNaN(m.suvMax()) ? "" : String.format(Locale.ROOT, ", SUVmax %.1f", m.suvMax());
        return String.format(Locale.ROOT, "%-10s %s CT %d slices%s: tumour %.1f cm3 %s lung%s; %d days %s; "
                        + "%d files, %.1f MB, %.1f s",
                t.patientId(), t.patientPosition(), m.ctSlices(),
                m.petSlices() > 0 ? ", PET " + m.petSlices() + " slices" : "", t.volumeCm3(), t.side(), pet,
                t.survivalDays(), outcome, p.files(), p.bytes() / 1e6, p.millis() / 1000.0);
    }
}

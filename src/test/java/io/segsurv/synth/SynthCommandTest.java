/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.cli.SynthCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SynthCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void writesACohortAndPrintsOneLinePerPatientAndTotals(@TempDir Path dir) {
        Path out = dir.resolve("cohort");
        Result r = run("--patients", "2", "--seed", "5", "--out", out.toString(), "--profile", "small");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.out()).contains("LUNG1-001 ", "LUNG1-002 ", "2 patients (PET/CT, profile small, seed 5)",
                "qualify for 2OS");
        assertThat(out.resolve("clinical.csv")).isRegularFile();
        Result external = run("--patients", "1", "--seed", "5", "--out", dir.resolve("ext").toString(),
                "--profile", "small", "--ct-only");
        assertThat(external.exitCode()).isZero();
        assertThat(external.out()).contains("R01-001 ", "CT only").doesNotContain("SUVmax");
    }

    @Test
    void errorsAreOneClearLineWithExitCode2(@TempDir Path dir) throws Exception {
        Result profile = run("--seed", "1", "--out", dir.resolve("a").toString(), "--profile", "huge");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err().strip()).isEqualTo("error: unknown profile 'huge' (expected one of: paper, small)");
        Result noSeed = run("--out", dir.resolve("b").toString());
        assertThat(noSeed.exitCode()).isEqualTo(2);
        assertThat(noSeed.err().strip()).isEqualTo("error: --seed is required");
        Result patients = run("--patients", "0", "--seed", "1", "--out", dir.resolve("c").toString());
        assertThat(patients.exitCode()).isEqualTo(2);
        assertThat(patients.err().lines().count()).isEqualTo(1);
        Files.writeString(dir.resolve("old.txt"), "x");
        Result notEmpty = run("--patients", "1", "--seed", "1", "--out", dir.toString(), "--profile", "small");
        assertThat(notEmpty.exitCode()).isEqualTo(2);
        assertThat(notEmpty.err()).startsWith("error: output directory ").contains("is not empty");
    }

    @Test
    void helpNamesTheOptions() {
        Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--patients", "--seed", "--out", "--ct-only", "--profile");
    }
}

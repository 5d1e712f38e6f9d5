/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The `stats` commands on CSV files: the JSON fields scripts rely on, and errors that name the problem. */
class StatsCommandTest {

    @TempDir
    Path dir;
    Path features;
    Path outcomes;
    Path clinical;
    Path scores;

    @BeforeEach
    void data() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        int n = 48;
        int groups = 6;
        double[][] latent = new double[groups][n];
        for (double[] g : latent) {
            for (int i = 0; i < n; i++) {
                g[i] = r.nextGaussian();
            }
        }
        StringBuilder f = new StringBuilder("PatientID");
        for (int c = 0; c < groups * 8; c++) {
            f.append(String.format(",C%05d", c));
        }
        f.append('\n');
        StringBuilder o = new StringBuilder("PatientID,2OS\n");
        StringBuilder cl = new StringBuilder("PatientID,age,gender,Overall.Stage,Histology,Survival.time,deadstatus.event,cause.of.death\n");
        StringBuilder s = new StringBuilder("PatientID,score,noise\n");
        for (int i = 0; i < n; i++) {
            f.append("P").append(i);
            for (int c = 0; c < groups * 8; c++) {
                f.append(',').append(latent[c / 8][i] + 0.3 * r.nextGaussian());
            }
            f.append('\n');
            int alive = latent[0][i] > 0 ? 1 : 0;
            o.append("P").append(i).append(',').append(alive).append('\n');
            cl.append("P").append(i).append(",70,male,IIIa,adeno,").append(alive == 1 ? 900 : 300).append(",1,disease\n");
            s.append("P").append(i).append(',').append(latent[0][i] + 0.5 * r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
        }
        features = Files.writeString(dir.resolve("F.csv"), f);
        outcomes = Files.writeString(dir.resolve("O.csv"), o);
        clinical = Files.writeString(dir.resolve("clinical.csv"), cl);
        scores = Files.writeString(dir.resolve("S.csv"), s);
    }

    record Run(int exit, String err) {
    }

    Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SegSurvCommand());
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return new Run(cl.execute(args), err.toString());
    }

    JsonNode json(Path p) throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(p));
    }

    @Test
    void kmedoidsAndSilhouette() throws Exception {
        Path out = dir.resolve("m.json");
        assertThat(run("stats", "kmedoids", "--input", features.toString(), "--k", "6", "--distance", "pearson", "--algorithm", "fasterpam",
                "--restarts", "3", "--seed", "1", "--out", out.toString()).exit()).isZero();
        JsonNode m = json(out);
        assertThat(m.get("k").asInt()).isEqualTo(6);
        assertThat(m.get("medoids").size()).isEqualTo(6);
        assertThat(m.get("assignment").size()).isEqualTo(48);
        assertThat(m.get("loss").asDouble()).isPositive();
        Path sil = dir.resolve("s.json");
        assertThat(run("stats", "silhouette", "--input", features.toString(), "--k", "2:8", "--restarts", "2", "--out", sil.toString()).exit()).isZero();
        JsonNode s = json(sil);
        assertThat(s.get("medoidSilhouette").size()).isEqualTo(7);
        assertThat(s.get("silhouette").size()).isEqualTo(7);
        assertThat(s.get("k").asInt()).isEqualTo(6); // six latent groups of eight features
    }

    @Test
    void lassoLogisticAndAuc() throws Exception {
        Path l = dir.resolve("l.json");
        assertThat(run("stats", "lasso", "--input", features.toString(), "--outcomes", outcomes.toString(), "--endpoint", "2OS",
                "--lambda", "cv-min", "--seed", "3", "--out", l.toString()).exit()).isZero();
        JsonNode lasso = json(l);
        assertThat(lasso.get("coefficients").size()).isEqualTo(48);
        assertThat(lasso.get("lambda").asDouble()).isEqualTo(lasso.get("lambdaMin").asDouble());
        assertThat(lasso.get("lambda1se").asDouble()).isGreaterThanOrEqualTo(lasso.get("lambdaMin").asDouble());
        Path g = dir.resolve("g.json");
        Path two = Files.writeString(dir.resolve("two.csv"), String.join("\n", Files.readAllLines(features).stream()
                .map(line -> String.join(",", java.util.Arrays.copyOf(line.split(","), 3))).toList()) + "\n");
        assertThat(run("stats", "logistic", "--input", two.toString(), "--outcomes", clinical.toString(), "--endpoint", "2OS",
                "--out", g.toString()).exit()).isZero();
        JsonNode logistic = json(g);
        assertThat(logistic.has("intercept")).isTrue();
        assertThat(logistic.get("coefficients").propertyNames()).containsExactly("C00000", "C00001");
        Path a = dir.resolve("a.json");
        assertThat(run("stats", "auc", "--scores", scores.toString(), "--column", "score", "--compare", "noise", "--outcomes",
                outcomes.toString(), "--endpoint", "2OS", "--out", a.toString()).exit()).isZero();
        JsonNode auc = json(a);
        assertThat(auc.get("method").asString()).isEqualTo("DeLong");
        assertThat(auc.get("auc").asDouble()).isGreaterThan(0.7);
        assertThat(auc.get("ci").get(0).asDouble()).isLessThan(auc.get("auc").asDouble());
        assertThat(auc.get("comparison").get("p").asDouble()).isLessThan(0.05); // the informative score beats noise
        assertThat(run("stats", "auc", "--scores", scores.toString(), "--outcomes", outcomes.toString(), "--endpoint", "2OS").err())
                .contains("S.csv has 2 columns: name one with --column");
    }

    @Test
    void crossValidationWritesFoldsAndSummary() throws Exception {
        Path out = dir.resolve("cv.json");
        Run r = run("stats", "cv", "--features", features.toString(), "--outcomes", outcomes.toString(), "--endpoint", "2OS", "--folds", "4",
                "--repeats", "1", "--k", "2:8", "--restarts", "2", "--lambda", "cv-min", "--seed", "7", "--inner-folds", "5", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode cv = json(out);
        assertThat(cv.get("endpoint").asString()).isEqualTo("2OS");
        assertThat(cv.get("folds").size()).isEqualTo(4);
        JsonNode fold = cv.get("folds").get(0);
        assertThat(fold.has("testPatients") && fold.has("chosenK") && fold.has("selectedFeatures") && fold.has("lambda")
                && fold.has("metrics") && fold.has("predictions")).isTrue();
        JsonNode auc = cv.get("summary").get("auc");
        assertThat(auc.has("mean") && auc.has("sd") && auc.has("foldInterval") && auc.has("delongCi")).isTrue();
        assertThat(auc.get("mean").asDouble()).isGreaterThan(0.7);
        assertThat(cv.get("survival").isNull()).as("an endpoint column has no follow-up times").isTrue();

        // with a clinical table the predicted risk groups get Kaplan-Meier curves, log-rank, Cox and C-index
        Path surv = dir.resolve("surv.json");
        r = run("stats", "cv", "--features", features.toString(), "--outcomes", clinical.toString(), "--endpoint", "2OS", "--folds", "4",
                "--k", "2:8", "--restarts", "2", "--seed", "7", "--inner-folds", "5", "--out", surv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode survival = json(surv).get("survival");
        assertThat(survival.get("patients").asInt()).isEqualTo(48);
        assertThat(survival.get("groups").get(0).get("name").asString()).isEqualTo("high");
        assertThat(survival.get("groups").get(0).get("curve").size()).isPositive();
        assertThat(survival.get("logRankP").asDouble()).isLessThan(0.01);
        assertThat(survival.get("riskGroupCox").get("hazardRatio").get(0).asDouble()).isGreaterThan(1);
        assertThat(survival.get("cIndex").asDouble()).isGreaterThan(0.7);

        // external validation: the same features and outcomes stand in for a second cohort here
        Path ext = dir.resolve("ext.json");
        r = run("stats", "cv", "--features", features.toString(), "--outcomes", outcomes.toString(), "--endpoint", "2OS", "--folds", "4",
                "--k", "2:8", "--restarts", "2", "--seed", "7", "--inner-folds", "5", "--external-features", features.toString(),
                "--external-outcomes", outcomes.toString(), "--out", ext.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode external = json(ext).get("external");
        assertThat(external.get("patients").asInt()).isEqualTo(48);
        assertThat(external.has("metrics") && external.has("delongCi") && external.has("selectedFeatures")).isTrue();
        assertThat(json(ext).get("folds").size()).isEqualTo(4);
    }

    @Test
    void badInputIsNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "PatientID,a,b\nP1,1,oops\n");
        Run r = run("stats", "kmedoids", "--input", bad.toString(), "--k", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv line 2, column 'b': 'oops' is not a number");
        Path oneClass = Files.writeString(dir.resolve("one.csv"), "PatientID,2OS\nP1,1\nP2,1\nP3,1\nP4,1\nP5,1\nP6,1\nP7,1\n");
        r = run("stats", "cv", "--features", features.toString(), "--outcomes", oneClass.toString(), "--endpoint", "2OS");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("has one class only");
        r = run("stats", "cv", "--features", features.toString(), "--outcomes", outcomes.toString(), "--endpoint", "3OS");
        assertThat(r.err()).contains("Unknown endpoint '3OS'");
        r = run("stats", "silhouette", "--input", features.toString(), "--k", "9:3");
        assertThat(r.err()).contains("--k must be K or KMIN:KMAX");
    }
}

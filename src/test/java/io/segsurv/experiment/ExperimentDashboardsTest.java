/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.experiment.report.Format;
import io.segsurv.experiment.report.ResultTables;
import io.segsurv.experiment.report.RunResults;
import io.segsurv.experiment.report.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's tables from a hand-built results document: exact cells, CSV and JSON, ETA, patient rows. */
public class ExperimentDashboardsTest {

    /** A results document as ExperimentSteps.summary writes it: one evaluated endpoint, one not evaluated. */
    public static Map<String, Object> document() {
        Map<String, Object> fold0 = new LinkedHashMap<>();
        fold0.put("repeat", 0);
        fold0.put("fold", 0);
        fold0.put("testPatients", List.of("A", "B"));
        fold0.put("chosenK", 4);
        fold0.put("medoids", 4);
        fold0.put("selectedFeatures", List.of("C37399", "P00012"));
        fold0.put("lambda", 0.0123);
        fold0.put("metrics", Map.of("auc", 1.0, "accuracy", 0.5, "sensitivity", 1.0, "specificity", 0.0, "threshold", 0.5));
        fold0.put("predictions", Map.of("A", 0.8, "B", 0.3));
        fold0.put("note", "converged, \"ok\"");
        Map<String, Object> fold1 = new LinkedHashMap<>(fold0);
        fold1.put("fold", 1);
        fold1.put("testPatients", List.of("C", "D"));
        fold1.put("selectedFeatures", List.of("C37399"));
        fold1.put("metrics", Map.of("auc", "NaN", "accuracy", 1.0, "sensitivity", 1.0, "specificity", 1.0, "threshold", 0.5));
        fold1.put("predictions", Map.of("C", 0.9, "D", 0.2));
        fold1.put("note", null);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("auc", Map.of("mean", 0.8765, "sd", 0.1, "foldInterval", List.of(0.7, 1.0504), "delongCi", List.of(0.61234, 0.99)));
        summary.put("accuracy", Map.of("mean", 0.75, "sd", 0.35, "foldInterval", List.of(-0.1, 1.6)));
        summary.put("sensitivity", Map.of("mean", 1.0, "sd", 0.0, "foldInterval", List.of(1.0, 1.0)));
        summary.put("specificity", Map.of("mean", 0.5, "sd", 0.7, "foldInterval", List.of(-0.45, 1.45)));
        Map<String, Object> os2 = new LinkedHashMap<>();
        os2.put("endpoint", "2OS");
        os2.put("patients", 4);
        os2.put("deaths", 2);
        os2.put("folds", List.of(fold0, fold1));
        os2.put("summary", summary);
        os2.put("outcomes", Map.of("A", 1, "B", 0, "C", 1, "D", 0));
        Map<String, Object> high = Map.of("name", "high", "patients", 2, "events", 2, "medianYears", 0.5, "curve", List.of(
                Map.of("time", 0.4, "events", 1, "censored", 0, "survival", 0.5), Map.of("time", 0.6, "events", 1, "censored", 0, "survival", 0.0)));
        Map<String, Object> low = new LinkedHashMap<>(Map.of("name", "low", "patients", 2, "events", 0, "curve", List.of(
                Map.of("time", 3.0, "events", 0, "censored", 2, "survival", 1.0))));
        low.put("medianYears", null);
        os2.put("survival", Map.of("patients", 4, "groups", List.of(high, low), "logRankChiSquare", 4.5, "logRankP", 0.0339,
                "riskGroupCox", Map.of("hazardRatio", List.of(9.5), "lower", List.of(1.1), "upper", List.of(80.0)), "cIndex", 1.0));
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("TLG", Map.of("patients", 4, "auc", 0.625, "delongCi", List.of(0.1, 1.0), "modelAuc", 1.0, "pDeLongVsModel", 0.0004));
        baselines.put("SUVmax", Map.of("patients", 2, "note", "not enough patients of both classes with a value"));
        os2.put("baselines", baselines);
        os2.put("external", Map.of("patients", 3, "deaths", 1, "selectedFeatures", List.of("C37399"), "chosenK", 3, "lambda", 0.02,
                "metrics", Map.of("auc", 0.5, "accuracy", 2.0 / 3, "sensitivity", 1.0, "specificity", 0.5, "threshold", 0.5),
                "delongCi", List.of(0.0, 1.0), "predictions", Map.of("X", 0.9, "Y", 0.1, "Z", 0.6), "outcomes", Map.of("X", 1, "Y", 0, "Z", 0)));
        Map<String, Object> os5 = new LinkedHashMap<>();
        os5.put("endpoint", "5OS");
        os5.put("patients", 4);
        os5.put("error", "endpoint 5OS has 1 patients of its smaller class: fewer than the 2 folds, so some test fold would miss a class");
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("2OS", os2);
        endpoints.put("5OS", os5);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "tiny, \"quoted\"");
        doc.put("version", 2);
        doc.put("runId", 7);
        doc.put("cohort", Map.of("id", 1, "name", "train", "patients", 4));
        doc.put("externalCohort", Map.of("id", 2, "name", "ext", "patients", 3));
        doc.put("permutedLabels", false);
        doc.put("models", Map.of("CT", Map.of("id", 1, "name", "tiny-ct", "epochs", 2, "bestEpoch", 2, "bestValidationDice", 0.81)));
        doc.put("features", 13824);
        doc.put("configuration", Map.of("folds", 2, "endpoints", List.of("2OS", "5OS")));
        doc.put("endpoints", endpoints);
        return doc;
    }

    @Test
    void theDocumentIsReadIntoRecords() {
        RunResults r = RunResults.of(document());
        assertThat(r.name()).isEqualTo("tiny, \"quoted\"");
        assertThat(r.endpoints()).extracting(RunResults.Endpoint::name).containsExactly("2OS", "5OS");
        RunResults.Endpoint e = r.endpoint("2OS");
        assertThat(e.evaluated()).isTrue();
        assertThat(e.folds().get(1).metric("auc")).as("\"NaN\" as Jackson writes it").isNaN();
        assertThat(e.stability()).extracting(Map.Entry::getKey).containsExactly("C37399", "P00012");
        assertThat(e.stability().getFirst().getValue()).isEqualTo(2);
        assertThat(e.survival().groups().get(1).medianYears()).isNull();
        assertThat(e.survival().groups().get(1).censored()).containsExactly(3.0);
        assertThat(e.survival().hazardRatio()).isEqualTo(9.5);
        assertThat(r.endpoint("5OS").evaluated()).isFalse();
        assertThat(RunResults.of(null)).isNull();
    }

    @Test
    void cellsAreTheDocumentsNumbersToThreeDecimals() {
        RunResults.Endpoint e = RunResults.of(document()).endpoint("2OS");
        assertThat(Format.withInterval(e.metric("auc"))).isEqualTo("0.877 (0.700–1.050)");
        assertThat(Format.withInterval(e.metric("accuracy"))).isEqualTo("0.750 (-0.100–1.600)");
        assertThat(Format.interval(e.metric("auc").delongLow(), e.metric("auc").delongHigh())).isEqualTo("0.612–0.990");
        assertThat(Format.number(Double.NaN)).isEqualTo("–");
        assertThat(Format.p(0.0004)).isEqualTo("<0.001");
        assertThat(Format.p(0.0339)).isEqualTo("0.034");
        assertThat(Format.lambda(0.0123)).isEqualTo("0.01230");
    }

    @Test
    void thePerformanceTableExportsAtFullPrecisionWithTheError() {
        Table t = ResultTables.performance(RunResults.of(document()));
        List<String> lines = t.csv().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("endpoint,patients,deaths,accuracy_mean,accuracy_fold_low,accuracy_fold_high,sensitivity_mean,"
                + "sensitivity_fold_low,sensitivity_fold_high,specificity_mean,specificity_fold_low,specificity_fold_high,auc_mean,auc_fold_low,"
                + "auc_fold_high,auc_delong_low,auc_delong_high,error");
        assertThat(lines.get(1)).isEqualTo("2OS,4,2,0.75,-0.1,1.6,1.0,1.0,1.0,0.5,-0.45,1.45,0.8765,0.7,1.0504,0.61234,0.99,");
        assertThat(lines.get(2)).isEqualTo("5OS,4" + ",".repeat(16) + "\"endpoint 5OS has 1 patients of its smaller class: fewer than the 2 folds, "
                + "so some test fold would miss a class\"");
        assertThat(t.csv()).contains("\r\n");
    }

    @Test
    void csvFieldsAreEscapedAsRfc4180() {
        Table t = new Table.Builder("t", "a", "b", "c").row("x,y", "say \"hi\"", "two\nlines").row(null, Double.NaN, 3).build();
        assertThat(t.csv()).isEqualTo("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,3\r\n");
        assertThatThrownBy(() -> new Table.Builder("t", "a").row(1, 2).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textThatASpreadsheetWouldRunIsNeutralised() {
        Table t = new Table.Builder("t", "a", "b", "c", "d", "e").row("=HYPERLINK(\"x\")", "+1", "@SUM", -0.5, "C37399").row(-3, "-x", "", 1, 2)
                .build();
        assertThat(t.csv()).isEqualTo("a,b,c,d,e\r\n\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM,-0.5,C37399\r\n-3,'-x,,1,2\r\n");
    }

    @Test
    void jsonExportsRowsAsObjectsWithNullForMissingNumbers() {
        JsonNode folds = JsonMapper.builder().build().readTree(ResultTables.folds(RunResults.of(document())).json());
        assertThat(folds.size()).isEqualTo(2);
        assertThat(folds.get(0).get("selected_features").asString()).isEqualTo("C37399;P00012");
        assertThat(folds.get(0).get("note").asString()).isEqualTo("converged, \"ok\"");
        assertThat(folds.get(1).get("auc").isNull()).isTrue();
        assertThat(folds.get(1).get("accuracy").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theOtherTablesCarryEveryRow() {
        RunResults r = RunResults.of(document());
        assertThat(ResultTables.features(r).rows()).hasSize(3);
        assertThat(ResultTables.stability(r).csv()).contains("2OS,C37399,2,2\r\n").contains("2OS,P00012,1,2\r\n");
        assertThat(ResultTables.baselines(r).csv()).contains("2OS,TLG,4,0.625,0.1,1.0,1.0,4.0E-4,\r\n")
                .contains("2OS,SUVmax,2,,,,,,not enough patients of both classes with a value\r\n");
        assertThat(ResultTables.survival(r).rows()).hasSize(2);
        assertThat(ResultTables.external(r).csv().lines().toList().get(1)).startsWith("2OS,3,1,0.5,0.6666666666666666,1.0,0.5,0.5,0.0,1.0,3,0.02,C37399,");
        assertThat(ResultTables.predictions(List.of(new ResultTables.PredictionRow("2OS", 0, 1, "SSV-1", 0.25, 0))).csv())
                .isEqualTo("endpoint,repeat,fold,patient,p_survival,outcome\r\n2OS,0,1,SSV-1,0.25,0\r\n");
        assertThatThrownBy(() -> ResultTables.table("nope", r, List.of())).hasMessageContaining("performance");
        // the external ROC from its predictions: X (alive, 0.9) ranks above both deaths, Z (dead, 0.6) above nothing alive
        assertThat(RunResults.area(r.endpoint("2OS").external().rocPoints())).isEqualTo(1.0);
    }

    @Test
    void theComparisonHasARowPerEndpointAndExperiment() {
        RunResults a = RunResults.of(document());
        Table t = ResultTables.comparison(List.of(new ResultTables.Compared(1, "a", 7L, 2, a), new ResultTables.Compared(2, "b", null, null, null)));
        List<String> lines = t.csv().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("2OS,a,1,7,2,4,0.8765,0.7,1.0504,0.75,");
        assertThat(lines.get(2)).isEqualTo("2OS,b,2" + ",".repeat(18) + "no finished run");
        assertThat(lines.get(3)).startsWith("5OS,a,1,7,2,4" + ",".repeat(15) + "\"endpoint 5OS has").endsWith("would miss a class\"");
    }

    @Test
    void theTimeLeftIsExtrapolatedFromTheProgress() {
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        ExperimentRuns.Step running = new ExperimentRuns.Step(1, "train-CT", 0, List.of(), ExperimentRuns.StepState.RUNNING, 0.25, "", 5L,
                start, null);
        assertThat(ExperimentDashboards.eta(running, start.plusSeconds(60))).isEqualTo(Duration.ofSeconds(180));
        ExperimentRuns.Step waiting = new ExperimentRuns.Step(2, "summary", 1, List.of("train-CT"), ExperimentRuns.StepState.WAITING, 0, "",
                null, null, null);
        assertThat(ExperimentDashboards.eta(waiting, start)).isNull();
        assertThat(ExperimentDashboards.duration(Duration.ofSeconds(3725))).isEqualTo("1 h 02 min");
        assertThat(ExperimentDashboards.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(ExperimentDashboards.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        ExperimentRuns.Step done = new ExperimentRuns.Step(3, "train-PET", 2, List.of(), ExperimentRuns.StepState.SUCCEEDED, 1, "", 6L,
                start, start);
        var status = ExperimentDashboards.status(null, List.of(running, waiting, done), start.plusSeconds(60));
        assertThat(status.progress()).isEqualTo((0.25 + 0 + 1) / 3);
    }

    @Test
    void patientsGetOneRowWithTheirPredictionPerEndpoint() {
        List<ExperimentRuns.Prediction> p = List.of(new ExperimentRuns.Prediction("2OS", 0, 2, 11, "SSV-B", 0.4, 0),
                new ExperimentRuns.Prediction("2OS", 1, 0, 11, "SSV-B", 0.6, 0), new ExperimentRuns.Prediction("2DS", 0, 1, 11, "SSV-B", 0.7, 1),
                new ExperimentRuns.Prediction("2OS", 0, 1, 10, "SSV-A", 0.9, 1));
        var rows = ExperimentDashboards.patients(p);
        assertThat(rows).extracting(ExperimentDashboards.PatientRow::pseudonym).containsExactly("SSV-A", "SSV-B");
        var b = rows.get(1).endpoints();
        assertThat(b.keySet()).containsExactly("2DS", "2OS");
        assertThat(b.get("2OS").probability()).isEqualTo(0.5);
        assertThat(b.get("2OS").folds()).containsExactly(3, 1);
        assertThat(b.get("2DS").outcome()).isEqualTo(1);
    }
}

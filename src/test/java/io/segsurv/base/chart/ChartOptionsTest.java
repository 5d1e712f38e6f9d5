/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChartOptionsTest {

    private static JsonNode parsed(ChartOption option) {
        // through the string, as the browser receives it
        return JsonMapper.builder().build().readTree(option.toJson());
    }

    private static List<String> names(JsonNode o) {
        return o.get("series").valueStream().map(s -> s.get("name").asString()).toList();
    }

    @Test
    void trainingCurvesHaveLossDiceAndAClippedSdBand() {
        var epochs = List.of(new TrainingCurves.Epoch(1, 1.2, 0.10, 0.20, 0.05), new TrainingCurves.Epoch(2, 0.9, 0.40, 0.50, 0.10),
                new TrainingCurves.Epoch(3, 0.7, 0.80, 0.95, 0.20));
        JsonNode o = parsed(TrainingCurves.of("Training", epochs));

        assertThat(names(o)).containsExactly(TrainingCurves.LOSS, TrainingCurves.TRAIN_DICE, TrainingCurves.VALIDATION_DICE,
                TrainingCurves.BAND, TrainingCurves.BAND);
        for (JsonNode s : o.get("series")) {
            assertThat(s.get("data")).hasSize(3);
        }
        assertThat(o.get("series").get(0).get("yAxisIndex").asInt()).as("loss on the right axis").isEqualTo(1);
        assertThat(o.get("series").get(2).get("data").get(1).get(1).asDouble()).isEqualTo(0.5);
        // the band at epoch 3: 0.95 +- 0.20 clipped to [0.75, 1]
        assertThat(o.get("series").get(3).get("data").get(2).get(1).asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(o.get("series").get(4).get("data").get(2).get(1).asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(o.get("xAxis").get(0).get("min").asDouble()).isEqualTo(1);
        assertThat(o.get("xAxis").get(0).get("max").asDouble()).isEqualTo(3);
        assertThat(o.get("yAxis").get(0).get("min").asDouble()).isZero();
        assertThat(o.get("yAxis").get(0).get("max").asDouble()).isEqualTo(1);
        assertThat(o.get("legend").get("data")).hasSize(4);
        assertThat(o.get("yAxis")).hasSize(2);
        assertThat(o.get("yAxis").get(1).get("name").asString()).isEqualTo("Loss");
        assertThat(o.get("yAxis").get(1).get("min").asDouble()).isZero();
        assertThat(o.get("series").get(3).get("color")).isEqualTo(o.get("series").get(2).get("color"));
    }

    @Test
    void trainingCurvesWithoutEpochsAreEmptyButValid() {
        JsonNode o = parsed(TrainingCurves.of("Training", List.of()));
        assertThat(o.get("series")).hasSize(5);
        assertThat(o.get("series").get(0).get("data")).isEmpty();
        assertThat(o.get("xAxis").get(0).get("max").asDouble()).isEqualTo(1);
    }

    @Test
    void boxPlotHasOneBoxPerMetricWithRQuantilesAndEveryFoldAsAPoint() {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        metrics.put("Accuracy", new double[] {0.60, 0.70, 0.65, 0.80, 0.75, 0.72});
        metrics.put("AUC", new double[] {0.70, 0.71, 0.72, 0.73, 0.74, 0.20});
        JsonNode o = parsed(FoldBoxPlot.of("2OS", "6 folds", metrics));

        assertThat(o.get("xAxis").get(0).get("data").valueStream().map(JsonNode::asString)).containsExactly("Accuracy", "AUC");
        JsonNode boxes = o.get("series").get(0).get("data");
        assertThat(boxes).hasSize(2);
        // R: quantile(c(.6,.7,.65,.8,.75,.72), c(.25,.5,.75)) = 0.66250 0.71000 0.74250 (type 7)
        assertThat(boxes.get(0).get(1).asDouble()).isCloseTo(0.6625, within(1e-9));
        assertThat(boxes.get(0).get(2).asDouble()).isCloseTo(0.71, within(1e-9));
        assertThat(boxes.get(0).get(3).asDouble()).isCloseTo(0.7425, within(1e-9));
        assertThat(boxes.get(0).get(0).asDouble()).isEqualTo(0.60);
        assertThat(boxes.get(0).get(4).asDouble()).isEqualTo(0.80);
        // AUC: 0.20 lies beyond 1.5 IQR below the box, so the whisker stops at 0.70 and 0.20 stays a point
        assertThat(boxes.get(1).get(0).asDouble()).isEqualTo(0.70);
        assertThat(o.get("series").get(1).get("data")).hasSize(12);
        assertThat(o.get("yAxis").get(0).get("max").asDouble()).isEqualTo(1);
        assertThat(o.get("title").get("subtext").asString()).isEqualTo("6 folds");
    }

    @Test
    void quantileMatchesRType7() {
        double[] sorted = {1, 2, 3, 4};
        // R: quantile(1:4, c(0, .25, .5, .9, 1)) = 1.00 1.75 2.50 3.70 4.00
        assertThat(FoldBoxPlot.quantile(sorted, 0)).isEqualTo(1);
        assertThat(FoldBoxPlot.quantile(sorted, 0.25)).isCloseTo(1.75, within(1e-12));
        assertThat(FoldBoxPlot.quantile(sorted, 0.5)).isCloseTo(2.5, within(1e-12));
        assertThat(FoldBoxPlot.quantile(sorted, 0.9)).isCloseTo(3.7, within(1e-12));
        assertThat(FoldBoxPlot.quantile(sorted, 1)).isEqualTo(4);
        assertThat(FoldBoxPlot.fiveNumbers(new double[0])).containsOnly(Double.NaN);
    }

    @Test
    void rocCurvesHaveOneSeriesPerCurvePlusTheDiagonalOnTheUnitSquare() {
        var fold1 = new RocCurves.Curve("Fold 1", new double[] {0, 0, 0.5, 1}, new double[] {0, 0.5, 1, 1}, 0.875);
        var pooled = new RocCurves.Curve("Pooled", new double[] {0, 0.25, 1}, new double[] {0, 0.75, 1}, Double.NaN);
        JsonNode o = parsed(RocCurves.of("ROC", null, List.of(fold1, pooled)));

        assertThat(names(o)).containsExactly("Fold 1 (AUC 0.875)", "Pooled", RocCurves.CHANCE);
        assertThat(o.get("series").get(0).get("data")).hasSize(4);
        assertThat(o.get("series").get(1).get("data")).hasSize(3);
        assertThat(o.get("series").get(2).get("data").toString()).isEqualTo("[[0.0,0.0],[1.0,1.0]]");
        for (String axis : List.of("xAxis", "yAxis")) {
            assertThat(o.get(axis).get(0).get("min").asDouble()).isZero();
            assertThat(o.get(axis).get(0).get("max").asDouble()).isEqualTo(1);
        }
        assertThat(o.has("title") && !o.get("title").has("subtext")).isTrue();
        assertThatThrownBy(() -> new RocCurves.Curve("bad", new double[2], new double[3], 0.5))
                .hasMessageContaining("2 false positive rates but 3");
    }

    @Test
    void kaplanMeierCurvesStepFromOneWithCensoringTicksOnTheCurve() {
        var high = new KaplanMeierPlot.Group("High risk", new double[] {2, 5}, new double[] {0.6, 0.3}, new double[] {3, 8});
        var low = new KaplanMeierPlot.Group("Low risk", new double[] {4}, new double[] {0.9}, new double[] {1});
        JsonNode o = parsed(KaplanMeierPlot.of("2OS", "log-rank p = 0.012", "months", List.of(high, low)));

        assertThat(names(o)).containsExactly("High risk", "High risk" + KaplanMeierPlot.CENSORED, "Low risk",
                "Low risk" + KaplanMeierPlot.CENSORED);
        JsonNode curve = o.get("series").get(0);
        assertThat(curve.get("step").asString()).isEqualTo("end");
        // (0, 1), the two events, then on to the last censored time at the last level
        assertThat(curve.get("data").toString()).isEqualTo("[[0.0,1.0],[2.0,0.6],[5.0,0.3],[8.0,0.3]]");
        assertThat(o.get("series").get(1).get("data").toString()).isEqualTo("[[3.0,0.6],[8.0,0.3]]");
        assertThat(o.get("series").get(2).get("data").toString()).isEqualTo("[[0.0,1.0],[4.0,0.9]]");
        assertThat(o.get("series").get(3).get("data").toString()).isEqualTo("[[1.0,1.0]]");
        assertThat(o.get("series").get(1).get("color").asString()).isEqualTo(curve.get("color").asString());
        assertThat(o.get("xAxis").get(0).get("max").asDouble()).isEqualTo(8);
        assertThat(o.get("yAxis").get(0).get("max").asDouble()).isEqualTo(1);
        assertThat(o.get("legend").get("data")).hasSize(2);
        assertThat(o.get("title").get("subtext").asString()).isEqualTo("log-rank p = 0.012");
    }

    @Test
    void nonFiniteValuesBecomeGaps() {
        JsonNode o = parsed(TrainingCurves.of("t", List.of(new TrainingCurves.Epoch(1, Double.NaN, 0.5, 0.5, Double.NaN))));
        assertThat(o.get("series").get(0).get("data").get(0).get(1).isNull()).isTrue();
        assertThat(o.get("series").get(4).get("data").get(0).get(1).asDouble()).isZero();
    }
}

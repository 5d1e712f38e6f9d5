/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.chart;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** ROC curves (one series per fold, or pooled) on the unit square, with the chance diagonal. */
public final class RocCurves {

    /** One curve: false positive rates and true positive rates as (1 - specificity, sensitivity) pairs. */
    public record Curve(String name, double[] falsePositiveRate, double[] truePositiveRate, double auc) {
        public Curve {
            if (falsePositiveRate.length != truePositiveRate.length) {
                throw new IllegalArgumentException("curve " + name + ": " + falsePositiveRate.length + " false positive rates but "
                        + truePositiveRate.length + " true positive rates");
            }
        }
    }

    static final String CHANCE = "Chance";

    private RocCurves() {
    }

    public static ChartOption of(String title, String subtitle, List<Curve> curves) {
        ObjectNode o = ChartOption.base(title, subtitle, "item");
        o.putArray("xAxis").add(ChartOption.axis("value", "1 - specificity", 0.0, 1.0));
        o.putArray("yAxis").add(ChartOption.axis("value", "Sensitivity", 0.0, 1.0));
        ArrayNode series = o.putArray("series");
        for (Curve c : curves) {
            String name = Double.isFinite(c.auc()) ? String.format(Locale.ROOT, "%s (AUC %.3f)", c.name(), c.auc()) : c.name();
            ObjectNode s = ChartOption.series("line", name).put("showSymbol", false);
            ArrayNode data = s.putArray("data");
            for (int i = 0; i < c.falsePositiveRate().length; i++) {
                ChartOption.point(data, c.falsePositiveRate()[i], c.truePositiveRate()[i]);
            }
            series.add(s);
        }
        ObjectNode diagonal = ChartOption.series("line", CHANCE).put("showSymbol", false).put("silent", true);
        diagonal.putObject("lineStyle").put("type", "dashed").put("color", "#999999").put("width", 1);
        ArrayNode d = diagonal.putArray("data");
        ChartOption.point(d, 0, 0);
        ChartOption.point(d, 1, 1);
        series.add(diagonal);
        return new ChartOption(o);
    }
}

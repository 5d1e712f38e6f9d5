/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.chart;

import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Box plots across cross-validation folds, one box per metric (the paper's Figure 2 style): median,
 * quartiles (R's default quantile, type 7), whiskers to the furthest fold within 1.5 IQR of the box,
 * and every fold as a point on top. Metrics are fractions, so the value axis runs from 0 to 1.
 */
public final class FoldBoxPlot {

    static final String BOXES = "Across folds";
    static final String FOLDS = "Folds";

    private FoldBoxPlot() {
    }

    /** @param metrics metric name -> its value in each fold, in the order the boxes are drawn */
    public static ChartOption of(String title, String subtitle, Map<String, double[]> metrics) {
        ObjectNode o = ChartOption.base(title, subtitle, "item");
        ArrayNode categories = ChartOption.NODES.arrayNode();
        metrics.keySet().forEach(categories::add);
        ObjectNode x = ChartOption.axis("category", "", null, null);
        x.set("data", categories);
        o.putArray("xAxis").add(x);
        o.putArray("yAxis").add(ChartOption.axis("value", "Value", 0.0, 1.0));
        ArrayNode series = o.putArray("series");
        ArrayNode boxes = series.addObject().put("type", "boxplot").put("name", BOXES).putArray("data");
        ObjectNode scatter = ChartOption.series("scatter", FOLDS).put("symbolSize", 6);
        series.add(scatter);
        ArrayNode points = scatter.putArray("data");
        int i = 0;
        for (double[] values : metrics.values()) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
            ArrayNode box = boxes.addArray();
            for (double s : fiveNumbers(v)) {
                ChartOption.number(box, s);
            }
            for (double value : v) {
                ArrayNode p = points.addArray().add(i);
                ChartOption.number(p, value);
            }
            i++;
        }
        return new ChartOption(o);
    }

    /**
     * Lower whisker, first quartile, median, third quartile, upper whisker of sorted finite values (NaN if none);
     * also used by the server-side SVG plots of the experiment report, so both draw the same boxes.
     */
    public static double[] fiveNumbers(double[] sorted) {
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        double reach = 1.5 * (q3 - q1);
        double low = sorted[0];
        double high = sorted[sorted.length - 1];
        for (double v : sorted) {
            if (v >= q1 - reach) {
                low = v;
                break;
            }
        }
        for (int k = sorted.length - 1; k >= 0; k--) {
            if (sorted[k] <= q3 + reach) {
                high = sorted[k];
                break;
            }
        }
        return new double[] {low, q1, quantile(sorted, 0.5), q3, high};
    }

    /** Hyndman and Fan (1996) type 7, R's default: linear between order statistics at (n - 1) p. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

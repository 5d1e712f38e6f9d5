/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.chart;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Training curves of a segmentation network per epoch: training loss (right axis), training Dice,
 * validation Dice mean with a mean +- SD band (left axis, 0 to 1; the band is clipped to [0, 1]).
 */
public final class TrainingCurves {

    /** One finished epoch. */
    public record Epoch(int epoch, double trainLoss, double trainDice, double validationMean, double validationSd) {
    }

    static final String LOSS = "Training loss";
    static final String TRAIN_DICE = "Training Dice";
    static final String VALIDATION_DICE = "Validation Dice (mean)";
    static final String BAND = "Validation Dice +- SD";

    private TrainingCurves() {
    }

    public static ChartOption of(String title, List<Epoch> epochs) {
        ObjectNode o = ChartOption.base(title, null, "axis");
        o.putArray("xAxis").add(ChartOption.axis("value", "Epoch", 1.0, (double) Math.max(1, epochs.size() == 0 ? 1
                : epochs.getLast().epoch())).put("minInterval", 1));
        ArrayNode y = o.putArray("yAxis");
        y.add(ChartOption.axis("value", "Dice", 0.0, 1.0));
        ObjectNode lossAxis = ChartOption.axis("value", "Loss", 0.0, null);
        lossAxis.putObject("splitLine").put("show", false);
        y.add(lossAxis);
        o.putObject("legend").put("bottom", 0).putArray("data").add(LOSS).add(TRAIN_DICE).add(VALIDATION_DICE).add(BAND);

        ArrayNode series = o.putArray("series");
        ArrayNode loss = line(series, LOSS).put("yAxisIndex", 1).put("color", ChartOption.PALETTE[0]).putArray("data");
        ArrayNode train = line(series, TRAIN_DICE).put("color", ChartOption.PALETTE[2]).putArray("data");
        ArrayNode validation = line(series, VALIDATION_DICE).put("color", ChartOption.PALETTE[1]).putArray("data");
        // the band: an invisible lower line, and the band's height stacked on it
        ObjectNode lower = line(series, BAND).put("color", ChartOption.PALETTE[1]).put("stack", "sd-band").put("symbol", "none").put("silent", true);
        lower.putObject("lineStyle").put("opacity", 0);
        lower.putObject("tooltip").put("show", false);
        ArrayNode lowerData = lower.putArray("data");
        ObjectNode width = line(series, BAND).put("color", ChartOption.PALETTE[1]).put("stack", "sd-band").put("symbol", "none").put("silent", true);
        width.putObject("lineStyle").put("opacity", 0);
        width.putObject("areaStyle").put("opacity", 0.25);
        width.putObject("tooltip").put("show", false);
        ArrayNode widthData = width.putArray("data");
        for (Epoch e : epochs) {
            ChartOption.point(loss, e.epoch(), e.trainLoss());
            ChartOption.point(train, e.epoch(), e.trainDice());
            ChartOption.point(validation, e.epoch(), e.validationMean());
            double sd = Double.isFinite(e.validationSd()) ? e.validationSd() : 0;
            double lo = Math.max(0, e.validationMean() - sd);
            double hi = Math.min(1, e.validationMean() + sd);
            ChartOption.point(lowerData, e.epoch(), lo);
            ChartOption.point(widthData, e.epoch(), hi - lo);
        }
        return new ChartOption(o);
    }

    private static ObjectNode line(ArrayNode series, String name) {
        ObjectNode s = ChartOption.series("line", name).put("showSymbol", true).put("symbolSize", 4);
        series.add(s);
        return s;
    }
}

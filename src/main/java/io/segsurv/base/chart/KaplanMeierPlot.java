/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.chart;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kaplan-Meier survival curves (e.g. predicted high and low risk groups) as step functions from
 * (0, 1), with a vertical tick at each censored time on its group's curve.
 */
public final class KaplanMeierPlot {

    /**
     * One group: the event times where the curve steps, the survival just after each, and the censored times.
     * Times ascending.
     */
    public record Group(String name, double[] times, double[] survival, double[] censored) {
        public Group {
            if (times.length != survival.length) {
                throw new IllegalArgumentException("group " + name + ": " + times.length + " times but " + survival.length
                        + " survival values");
            }
        }

        /** Survival at time t (right-continuous step function). */
        double at(double t) {
            double s = 1;
            for (int i = 0; i < times.length && times[i] <= t; i++) {
                s = survival[i];
            }
            return s;
        }
    }

    /** A short vertical line, the usual censoring mark. */
    static final String TICK = "path://M0,0L0,10";
    static final String CENSORED = " censored";

    private KaplanMeierPlot() {
    }

    /** @param subtitle e.g. the log-rank p value */
    public static ChartOption of(String title, String subtitle, String timeUnit, List<Group> groups) {
        ObjectNode o = ChartOption.base(title, subtitle, "item");
        double end = 0;
        for (Group g : groups) {
            for (double t : g.times()) {
                end = Math.max(end, t);
            }
            for (double t : g.censored()) {
                end = Math.max(end, t);
            }
        }
        o.putArray("xAxis").add(ChartOption.axis("value", "Time (" + timeUnit + ")", 0.0, end > 0 ? Math.ceil(end) : 1.0));
        o.putArray("yAxis").add(ChartOption.axis("value", "Survival probability", 0.0, 1.0));
        ArrayNode series = o.putArray("series");
        ArrayNode legend = o.putObject("legend").put("bottom", 0).putArray("data");
        int k = 0;
        for (Group g : groups) {
            // a curve and its censoring marks share a colour (ECharts would give each series its own)
            String color = ChartOption.PALETTE[k++ % ChartOption.PALETTE.length];
            legend.add(g.name());
            ObjectNode curve = ChartOption.series("line", g.name()).put("step", "end").put("showSymbol", false).put("color", color);
            ArrayNode data = curve.putArray("data");
            ChartOption.point(data, 0, 1);
            for (int i = 0; i < g.times().length; i++) {
                ChartOption.point(data, g.times()[i], g.survival()[i]);
            }
            double last = g.censored().length == 0 ? 0 : g.censored()[g.censored().length - 1];
            if (g.times().length == 0 || last > g.times()[g.times().length - 1]) {
                ChartOption.point(data, last, g.at(last)); // the curve runs on to the last censored patient
            }
            series.add(curve);
            ObjectNode tick = ChartOption.series("scatter", g.name() + CENSORED).put("symbol", TICK).put("color", color);
            tick.putArray("symbolSize").add(1).add(10);
            ArrayNode ticks = tick.putArray("data");
            for (double t : g.censored()) {
                ChartOption.point(ticks, t, g.at(t));
            }
            series.add(tick);
        }
        return new ChartOption(o);
    }
}

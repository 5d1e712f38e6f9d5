/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.chart;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Apache ECharts option (https://echarts.apache.org/en/option.html) as a JSON tree, built by the
 * plot builders of this package and drawn by {@code io.segsurv.base.ui.chart.Chart}. Plain Java: the
 * same options can be written next to results or rendered elsewhere.
 */
public final class ChartOption {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Colours for series that must match each other (a curve and its band or marks); distinguishable in print. */
    static final String[] PALETTE = {"#d7263d", "#1b6ca8", "#2e933c", "#f49d37", "#6b4e9b"};
    private final ObjectNode root;

    ChartOption(ObjectNode root) {
        this.root = root;
    }

    /** A copy of the option tree. */
    public ObjectNode json() {
        return root.deepCopy();
    }

    public String toJson() {
        return JSON.writeValueAsString(root);
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Title, tooltip, legend and plot margins shared by every plot here. */
    static ObjectNode base(String title, String subtitle, String tooltipTrigger) {
        ObjectNode o = NODES.objectNode();
        ObjectNode t = o.putObject("title").put("text", title).put("left", "center");
        if (subtitle != null && !subtitle.isBlank()) {
            t.put("subtext", subtitle);
        }
        o.putObject("tooltip").put("trigger", tooltipTrigger);
        o.putObject("legend").put("bottom", 0).put("type", "scroll");
        o.putObject("grid").put("left", 56).put("right", 56).put("top", subtitle == null || subtitle.isBlank() ? 48 : 64)
                .put("bottom", 64).put("containLabel", false);
        return o;
    }

    static ObjectNode axis(String type, String name, Double min, Double max) {
        ObjectNode a = NODES.objectNode().put("type", type).put("name", name).put("nameLocation", "middle").put("nameGap", 30);
        if (min != null) {
            a.put("min", min);
        }
        if (max != null) {
            a.put("max", max);
        }
        return a;
    }

    static ObjectNode series(String type, String name) {
        return NODES.objectNode().put("type", type).put("name", name);
    }

    /** Adds an [x, y] point; non-finite values become null (a gap in the line). */
    static void point(ArrayNode data, double x, double y) {
        ArrayNode p = data.addArray();
        number(p, x);
        number(p, y);
    }

    static void number(ArrayNode array, double v) {
        if (Double.isFinite(v)) {
            array.add(round(v));
        } else {
            array.addNull();
        }
    }

    /** Six significant decimals: enough for a plot, and a smaller page. */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.ui.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.segsurv.base.chart.ChartOption;
import java.util.Objects;

/**
 * An Apache ECharts plot (web component {@code segsurv-chart}, frontend/components/segsurv-chart.ts).
 * The option is ECharts' JSON, usually from one of the builders in {@code io.segsurv.base.chart}; the
 * label is read by screen readers. {@link #exportPng} and {@link #exportSvg} start a download in the
 * browser under the caller's file name.
 */
@Tag("segsurv-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/segsurv-chart.ts")
public class Chart extends Component implements HasSize, HasStyle {

    /** How the browser draws: SVG (crisp, inspectable, the default) or canvas (many points). */
    public enum Renderer {
        SVG, CANVAS
    }

    public Chart(String label) {
        setLabel(label);
        setRenderer(Renderer.SVG);
        setOption("{}");
    }

    /** What the chart shows, in words (aria-label and tooltip of the element). */
    public void setLabel(String label) {
        getElement().setAttribute("aria-label", Objects.requireNonNull(label, "label"));
        getElement().setAttribute("title", label);
    }

    public String getLabel() {
        return getElement().getAttribute("aria-label");
    }

    /** Replaces what is drawn with this ECharts option (a JSON object). */
    public void setOption(String json) {
        getElement().setProperty("option", Objects.requireNonNull(json, "json"));
    }

    public void setOption(ChartOption option) {
        setOption(option.toJson());
    }

    public String getOption() {
        return getElement().getProperty("option", "{}");
    }

    public void setRenderer(Renderer renderer) {
        getElement().setProperty("renderer", renderer.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Downloads the chart as a PNG (twice the screen resolution, white background). */
    public void exportPng(String fileName) {
        getElement().callJsFunction("exportPng", fileName(fileName, ".png"));
    }

    /** Downloads the chart as an SVG document. */
    public void exportSvg(String fileName) {
        getElement().callJsFunction("exportSvg", fileName(fileName, ".svg"));
    }

    static String fileName(String name, String extension) {
        String base = name == null ? "" : name.strip().replaceAll("[^A-Za-z0-9._-]+", "_");
        if (base.isEmpty()) {
            base = "chart";
        }
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? base : base + extension;
    }
}

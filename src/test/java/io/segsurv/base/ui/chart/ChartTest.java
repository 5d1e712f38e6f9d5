/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.base.chart.RocCurves;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void labelOptionAndRendererAreElementStateForTheWebComponent() {
        Chart chart = new Chart("ROC curves of fold 1");
        assertThat(chart.getElement().getTag()).isEqualTo("segsurv-chart");
        assertThat(chart.getElement().getAttribute("aria-label")).isEqualTo("ROC curves of fold 1");
        assertThat(chart.getElement().getAttribute("title")).isEqualTo("ROC curves of fold 1");
        assertThat(chart.getElement().getProperty("renderer")).isEqualTo("svg");
        chart.setRenderer(Chart.Renderer.CANVAS);
        assertThat(chart.getElement().getProperty("renderer")).isEqualTo("canvas");
        chart.setOption(RocCurves.of("ROC", null, List.of()));
        assertThat(chart.getOption()).contains("\"Chance\"");
    }

    @Test
    void exportFileNamesAreSafeAndCarryTheirExtension() {
        assertThat(Chart.fileName("model 3 / training curves", ".png")).isEqualTo("model_3_training_curves.png");
        assertThat(Chart.fileName("roc.SVG", ".svg")).isEqualTo("roc.SVG");
        assertThat(Chart.fileName("  ", ".svg")).isEqualTo("chart.svg");
        assertThat(Chart.fileName(null, ".png")).isEqualTo("chart.png");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The server-side SVG plots and the HTML report: well-formed, placed where the axes say, escaped. */
class ExperimentDashboardReportTest {

    static Document xml(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> byClass(Document d, String tag, String cls) {
        NodeList all = d.getElementsByTagName(tag);
        List<Element> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aRocCurveMapsTheUnitSquareOntoThePlotArea() throws Exception {
        String svg = SvgPlots.roc("ROC <2OS> & co", List.of(new SvgPlots.Curve("Pooled", new double[][] {{1, 1}, {0, 0}, {0, 0.5}}, 0.75, true)));
        Document d = xml(svg);
        assertThat(d.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 480 320");
        assertThat(d.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("ROC <2OS> & co");
        // x: 56 + fpr * 408, y: 248 - tpr * 208; points sorted by fpr then tpr
        assertThat(byClass(d, "polyline", "curve").getFirst().getAttribute("points")).isEqualTo("56.00,248.00 56.00,144.00 464.00,40.00");
        assertThat(byClass(d, "polyline", "curve").getFirst().getAttribute("stroke-width")).isEqualTo("2.5");
        Element chance = byClass(d, "line", "chance").getFirst();
        assertThat(chance.getAttribute("x1") + "," + chance.getAttribute("y1")).isEqualTo("56.00,248.00");
        assertThat(svg).contains(">Pooled (AUC 0.750)</text>").contains("ROC &lt;2OS&gt; &amp; co");
    }

    @Test
    void aBoxPlotHasTypeSevenQuartilesAndEveryFold() throws Exception {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("AUC", new double[] {0.9, 0.5, 0.7, 0.6, 0.8, Double.NaN});
        m.put("Accuracy", new double[] {});
        Document d = xml(SvgPlots.boxPlot("Folds", m));
        List<Element> boxes = byClass(d, "rect", "box");
        assertThat(boxes).hasSize(1);
        // Q3 = 0.8 -> y = 248 - 0.8 * 208 = 81.6; Q1 = 0.6 -> 123.2, height 41.6
        assertThat(boxes.getFirst().getAttribute("y")).isEqualTo("81.60");
        assertThat(boxes.getFirst().getAttribute("height")).isEqualTo("41.60");
        assertThat(byClass(d, "circle", "fold")).hasSize(5);
    }

    @Test
    void kaplanMeierCurvesStepDownAndTickCensoredPatients() throws Exception {
        String svg = SvgPlots.kaplanMeier("KM", "log-rank p = 0.034", List.of(
                new SvgPlots.KmCurve("high", new double[] {1, 2}, new double[] {0.5, 0.25}, new double[] {}),
                new SvgPlots.KmCurve("low", new double[] {}, new double[] {}, new double[] {4})));
        Document d = xml(svg);
        List<Element> curves = byClass(d, "polyline", "curve");
        assertThat(curves).hasSize(2);
        // x: 56 + t / 4 * 408; the high curve: (0,1) -> (1,1) -> (1,0.5) -> (2,0.5) -> (2,0.25)
        assertThat(curves.get(0).getAttribute("points")).isEqualTo("56.00,40.00 158.00,40.00 158.00,144.00 260.00,144.00 260.00,196.00");
        assertThat(curves.get(1).getAttribute("points")).isEqualTo("56.00,40.00 464.00,40.00");
        assertThat(byClass(d, "line", "censored")).hasSize(1);
        assertThat(svg).contains("log-rank p = 0.034");
    }

    @Test
    void theReportHoldsTheTablesAndPlotsOfTheRun() throws Exception {
        RunResults r = RunResults.of(io.segsurv.experiment.ExperimentDashboardsTest.document());
        Map<String, Map<Integer, double[][]>> roc = Map.of("2OS", Map.of(-1, new double[][] {{0, 0}, {0, 1}, {1, 1}},
                0, new double[][] {{0, 0}, {0, 1}, {1, 1}}));
        String html = HtmlReport.render(new HtmlReport.Header("tiny <b>", "a & b", 7, 2, "SUCCEEDED", "2026-01-01 10:00", null), r, roc);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Experiment tiny &lt;b&gt; v2, run 7</title>").contains("a &amp; b");
        assertThat(html).contains("<td>0.877 (0.700–1.050)</td>").contains("<td>0.612–0.990</td>")
                .contains("<td class=\"error\" colspan=\"5\">endpoint 5OS has 1 patients");
        assertThat(html).contains("<th>folds</th><td>2</td>").contains("tiny-ct (model 1): 2 epochs");
        assertThat(html).contains("<td>TLG</td><td>4</td><td>0.625</td><td>0.100–1.000</td><td>1.000</td><td>&lt;0.001</td>");
        assertThat(html).contains("C37399 (2/2)").contains("<h2>External validation</h2>").contains("log-rank p = 0.034");
        // box plot, ROC and KM of 2OS, and the external ROC: four inline SVG documents, each well-formed
        var svgs = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html).results().map(m -> m.group()).toList();
        assertThat(svgs).hasSize(4);
        for (String svg : svgs) {
            xml(svg);
        }
        assertThat(html).contains("Pooled (AUC 1.000)").contains("External (AUC 0.500)");
    }
}

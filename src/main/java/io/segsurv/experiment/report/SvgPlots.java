/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import io.segsurv.base.chart.FoldBoxPlot;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plots of a run as standalone SVG documents, drawn on the server for the HTML report (no browser,
 * no ECharts): box plots across folds (the same boxes as {@link FoldBoxPlot}: R's type-7 quartiles, Tukey
 * whiskers at 1.5 IQR, every fold as a point), ROC curves with the chance diagonal, and Kaplan-Meier step curves with a tick per
 * censored patient. Every plot is {@value #WIDTH} x {@value #HEIGHT} user units; values are drawn on
 * a [0, 1] axis except survival times.
 */
public final class SvgPlots {

    static final int WIDTH = 480;
    static final int HEIGHT = 320;
    static final int LEFT = 56;
    static final int RIGHT = 16;
    static final int TOP = 40;
    static final int BOTTOM = 72;
    static final String[] PALETTE = {"#d7263d", "#1b6ca8", "#2e933c", "#f49d37", "#6b4e9b", "#00a6a6", "#8c564b", "#e377c2"};

    /** A ROC curve; the emphasised one (e.g. pooled) is drawn thicker. */
    public record Curve(String name, double[][] points, double auc, boolean emphasised) {
    }

    /** A Kaplan-Meier curve. */
    public record KmCurve(String name, double[] times, double[] survival, double[] censored) {
    }

    private SvgPlots() {
    }

    /** Box plots of metrics across folds (name -> value per fold). */
    public static String boxPlot(String title, Map<String, double[]> metrics) {
        Canvas c = new Canvas(title, 0, 1, "", "Value");
        int n = Math.max(1, metrics.size());
        double slot = (double) (WIDTH - LEFT - RIGHT) / n;
        int i = 0;
        for (var entry : metrics.entrySet()) {
            double cx = LEFT + slot * (i + 0.5);
            double[] v = Arrays.stream(entry.getValue()).filter(Double::isFinite).sorted().toArray();
            c.text(cx, HEIGHT - BOTTOM + 16, entry.getKey(), "middle", 11);
            if (v.length > 0) {
                double[] five = FoldBoxPlot.fiveNumbers(v);
                double half = Math.min(28, slot * 0.3);
                String colour = PALETTE[1];
                c.line(cx, c.y(five[0]), cx, c.y(five[1]), colour, 1);
                c.line(cx, c.y(five[3]), cx, c.y(five[4]), colour, 1);
                c.line(cx - half / 2, c.y(five[0]), cx + half / 2, c.y(five[0]), colour, 1);
                c.line(cx - half / 2, c.y(five[4]), cx + half / 2, c.y(five[4]), colour, 1);
                c.sb.append(String.format(Locale.ROOT, "<rect class=\"box\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        + "fill=\"%s\" fill-opacity=\"0.15\" stroke=\"%s\"/>", cx - half, c.y(five[3]), 2 * half,
                        Math.max(0.5, c.y(five[1]) - c.y(five[3])), colour, colour));
                c.line(cx - half, c.y(five[2]), cx + half, c.y(five[2]), colour, 2);
                for (double value : v) {
                    c.sb.append(String.format(Locale.ROOT, "<circle class=\"fold\" cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\"/>",
                            cx + half * 0.6, c.y(value), PALETTE[0]));
                }
            }
            i++;
        }
        return c.end();
    }

    /** ROC curves ([fpr, tpr] points) with the chance diagonal and a legend with each AUC. */
    public static String roc(String title, List<Curve> curves) {
        Canvas c = new Canvas(title, 0, 1, "1 - specificity", "Sensitivity");
        c.sb.append(String.format(Locale.ROOT, "<line class=\"chance\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#999999\" "
                + "stroke-dasharray=\"4 3\"/>", c.x(0), c.y(0), c.x(1), c.y(1)));
        int k = 0;
        for (Curve curve : curves) {
            String colour = PALETTE[k % PALETTE.length];
            double[][] pts = curve.points().clone();
            Arrays.sort(pts, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            StringBuilder path = new StringBuilder();
            for (double[] p : pts) {
                if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    path.append(String.format(Locale.ROOT, "%.2f,%.2f ", c.x(p[0]), c.y(p[1])));
                }
            }
            c.sb.append(String.format(Locale.ROOT, "<polyline class=\"curve\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"/>",
                    path.toString().strip(), colour, curve.emphasised() ? "2.5" : "1"));
            String label = Double.isFinite(curve.auc()) ? curve.name() + " (AUC " + Format.number(curve.auc()) + ")" : curve.name();
            c.legend(k++, label, colour);
        }
        return c.end();
    }

    /** Kaplan-Meier step curves from (0, 1), censored times as ticks; {@code subtitle} e.g. the log-rank p. */
    public static String kaplanMeier(String title, String subtitle, List<KmCurve> curves) {
        double end = 0;
        for (KmCurve k : curves) {
            for (double t : k.times()) {
                end = Math.max(end, t);
            }
            for (double t : k.censored()) {
                end = Math.max(end, t);
            }
        }
        Canvas c = new Canvas(title, 0, end > 0 ? end : 1, "Time (years)", "Survival probability");
        if (subtitle != null && !subtitle.isBlank()) {
            c.text(WIDTH / 2.0, TOP - 8, subtitle, "middle", 11);
        }
        int k = 0;
        for (KmCurve curve : curves) {
            String colour = PALETTE[k % PALETTE.length];
            StringBuilder path = new StringBuilder(String.format(Locale.ROOT, "%.2f,%.2f", c.x(0), c.y(1)));
            double s = 1;
            for (int i = 0; i < curve.times().length; i++) {
                double t = curve.times()[i];
                path.append(String.format(Locale.ROOT, " %.2f,%.2f %.2f,%.2f", c.x(t), c.y(s), c.x(t), c.y(curve.survival()[i])));
                s = curve.survival()[i];
            }
            double last = curve.censored().length == 0 ? 0 : curve.censored()[curve.censored().length - 1];
            if (curve.times().length == 0 || last > curve.times()[curve.times().length - 1]) {
                path.append(String.format(Locale.ROOT, " %.2f,%.2f", c.x(last), c.y(s)));
            }
            c.sb.append(String.format(Locale.ROOT, "<polyline class=\"curve\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
                    path, colour));
            for (double t : curve.censored()) {
                double y = c.y(at(curve, t));
                c.sb.append(String.format(Locale.ROOT, "<line class=\"censored\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\"/>",
                        c.x(t), y - 4, c.x(t), y + 4, colour));
            }
            c.legend(k++, curve.name(), colour);
        }
        return c.end();
    }

    /** Survival at t of a right-continuous step function. */
    static double at(KmCurve k, double t) {
        double s = 1;
        for (int i = 0; i < k.times().length && k.times()[i] <= t; i++) {
            s = k.survival()[i];
        }
        return s;
    }

    /** XML text and attribute escaping. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch < 0x20 && ch != '\n' && ch != '\t' ? ' ' : ch);
            }
        }
        return out.toString();
    }

    /** The frame of a plot: title, axes with ticks, an x range and the [0, 1] y axis. */
    private static final class Canvas {
        final StringBuilder sb = new StringBuilder();
        final double xMin;
        final double xMax;

        Canvas(String title, double xMin, double xMax, String xLabel, String yLabel) {
            this.xMin = xMin;
            this.xMax = xMax;
            sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                    + "role=\"img\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
            sb.append("<title>").append(escape(title)).append("</title>");
            sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", WIDTH, HEIGHT));
            text(WIDTH / 2.0, 18, title, "middle", 14);
            for (int i = 0; i <= 5; i++) {
                double v = i / 5.0;
                line(LEFT, y(v), WIDTH - RIGHT, y(v), "#e6e6e6", 1);
                text(LEFT - 6, y(v) + 4, String.format(Locale.ROOT, "%.1f", v), "end", 10);
            }
            if (!xLabel.isEmpty()) {
                for (int i = 0; i <= 5; i++) {
                    double v = xMin + (xMax - xMin) * i / 5.0;
                    line(x(v), HEIGHT - BOTTOM, x(v), HEIGHT - BOTTOM + 4, "#666666", 1);
                    text(x(v), HEIGHT - BOTTOM + 16, String.format(Locale.ROOT, xMax - xMin >= 5 ? "%.0f" : "%.1f", v), "middle", 10);
                }
                text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - BOTTOM + 32, xLabel, "middle", 11);
            }
            line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#666666", 1);
            line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#666666", 1);
            sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.2f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.2f)\">%s</text>",
                    (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
        }

        double x(double v) {
            return LEFT + (v - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            return HEIGHT - BOTTOM - v * (HEIGHT - TOP - BOTTOM);
        }

        void line(double x1, double y1, double x2, double y2, String colour, double width) {
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%s\"/>",
                    x1, y1, x2, y2, colour, width == Math.rint(width) ? String.valueOf((int) width) : String.valueOf(width)));
        }

        void text(double x, double y, String s, String anchor, int size) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>", x, y, anchor,
                    size, escape(s)));
        }

        /** Legend entries in two columns under the x axis label. */
        void legend(int k, String label, String colour) {
            double lx = LEFT + (k % 2) * (WIDTH - LEFT - RIGHT) / 2.0;
            double ly = HEIGHT - 22 + (k / 2) * 13;
            if (k >= 4) {
                return; // more curves than room: the legend names the first four (the pooled curve comes first)
            }
            sb.append(String.format(Locale.ROOT, "<g class=\"legend\"><line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>", lx, ly - 4, lx + 16, ly - 4, colour));
            text(lx + 20, ly, label, "start", 10);
            sb.append("</g>");
        }

        String end() {
            return sb.append("</svg>").toString();
        }
    }
}

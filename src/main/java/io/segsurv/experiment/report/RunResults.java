/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.experiment.report;

import io.segsurv.evaluation.Direction;
import io.segsurv.evaluation.Roc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's results document (docs/EXPERIMENT_JSON.md) read into records, for the dashboard, the
 * exports and the report. Reading is lenient: a missing number is NaN, a missing section null, and
 * the non-finite numbers Jackson writes as strings ("NaN") are read back as numbers.
 *
 * @param raw the document itself (configuration and models are shown as they are)
 */
public record RunResults(String name, Integer version, Long runId, String cohortName, Integer cohortPatients,
        String externalCohortName, Integer externalCohortPatients, boolean permutedLabels, Integer features,
        List<Endpoint> endpoints, Map<String, Object> raw) {

    /** Metrics in the order of the paper's Extended Data Table 2. */
    public static final List<String> METRICS = List.of("accuracy", "sensitivity", "specificity", "auc");

    /** A metric across folds: mean, SD, the paper's interval across folds and (AUC only) the DeLong CI; NaN when absent. */
    public record Metric(double mean, double sd, double low, double high, double delongLow, double delongHigh) {
        public static final Metric ABSENT = new Metric(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        public boolean hasDelong() {
            return Double.isFinite(delongLow) || Double.isFinite(delongHigh);
        }
    }

    /** One test fold: its model and metrics. */
    public record Fold(int repeat, int fold, int testPatients, Integer chosenK, Integer medoids, List<String> selectedFeatures,
            double lambda, Map<String, Double> metrics, Map<String, Double> predictions, String note) {
        public double metric(String name) {
            Double v = metrics.get(name);
            return v == null ? Double.NaN : v;
        }

        /** "r1 f2" style label (1-based), as shown to people. */
        public String label() {
            return "repeat " + (repeat + 1) + ", fold " + (fold + 1);
        }
    }

    /** A baseline (SUVmax, SUVmean, TLG, volume) against the model on the same patients. */
    public record Baseline(String name, Integer patients, double auc, double delongLow, double delongHigh, double modelAuc,
            double pDeLongVsModel, String note) {
    }

    /** The model trained on the whole training cohort applied to the external cohort (or why not). */
    public record External(Integer patients, Integer deaths, List<String> selectedFeatures, Integer chosenK, double lambda,
            Map<String, Double> metrics, double delongLow, double delongHigh, Map<String, Double> predictions,
            Map<String, Integer> outcomes, String error) {
        public double metric(String name) {
            Double v = metrics.get(name);
            return v == null ? Double.NaN : v;
        }

        /** ROC of P(survival) for survival on the external patients ([fpr, tpr] points), empty without both classes. */
        public double[][] rocPoints() {
            return RunResults.rocPoints(predictions, outcomes);
        }
    }

    /** A Kaplan-Meier curve: times where it is evaluated, survival after each, and the censored times. */
    public record KmGroup(String name, int patients, int events, Double medianYears, double[] times, double[] survival,
            double[] censored) {
    }

    /** Survival of the predicted risk groups (io.segsurv.stats.RiskGroupSurvival). */
    public record Survival(int patients, List<KmGroup> groups, double logRankChiSquare, double logRankP, double hazardRatio,
            double hazardLow, double hazardHigh, double cIndex) {
    }

    /** One endpoint's results, or its error when it was not evaluated. */
    public record Endpoint(String name, Integer patients, Integer deaths, String error, List<Fold> folds, Map<String, Metric> summary,
            Map<String, Integer> outcomes, Survival survival, List<Baseline> baselines, External external) {

        public boolean evaluated() {
            return error == null && !summary.isEmpty();
        }

        public Metric metric(String name) {
            return summary.getOrDefault(name, Metric.ABSENT);
        }

        /** The values of a metric in every fold (NaN where a fold has none). */
        public double[] foldValues(String metric) {
            return folds.stream().mapToDouble(f -> f.metric(metric)).toArray();
        }

        /** Feature -> number of folds selecting it, most often selected first (ties by name). */
        public List<Map.Entry<String, Integer>> stability() {
            Map<String, Integer> count = new TreeMap<>();
            for (Fold f : folds) {
                for (String s : new java.util.LinkedHashSet<>(f.selectedFeatures())) {
                    count.merge(s, 1, Integer::sum);
                }
            }
            List<Map.Entry<String, Integer>> out = new ArrayList<>(count.entrySet());
            out.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            return out;
        }
    }

    public Endpoint endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> configuration() {
        return raw.get("configuration") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> models() {
        return raw.get("models") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Reads a results document; null in, null out. */
    public static RunResults of(Map<String, Object> doc) {
        if (doc == null) {
            return null;
        }
        Map<String, Object> cohort = map(doc.get("cohort"));
        Map<String, Object> external = map(doc.get("externalCohort"));
        List<Endpoint> endpoints = new ArrayList<>();
        map(doc.get("endpoints")).forEach((label, e) -> endpoints.add(endpoint(label, map(e))));
        return new RunResults(string(doc.get("name")), integer(doc.get("version")), longValue(doc.get("runId")),
                string(cohort.get("name")), integer(cohort.get("patients")), string(external.get("name")), integer(external.get("patients")),
                Boolean.TRUE.equals(doc.get("permutedLabels")), integer(doc.get("features")), List.copyOf(endpoints), doc);
    }

    private static Endpoint endpoint(String label, Map<String, Object> e) {
        String error = string(e.get("error"));
        if (error == null && !(e.get("summary") instanceof Map)) {
            error = "not evaluated";
        }
        List<Fold> folds = new ArrayList<>();
        for (Object o : list(e.get("folds"))) {
            Map<String, Object> f = map(o);
            folds.add(new Fold(intOr(f.get("repeat"), 0), intOr(f.get("fold"), 0), list(f.get("testPatients")).size(),
                    integer(f.get("chosenK")), integer(f.get("medoids")), strings(f.get("selectedFeatures")), number(f.get("lambda")),
                    numbers(f.get("metrics")), numbers(f.get("predictions")), string(f.get("note"))));
        }
        Map<String, Metric> summary = new LinkedHashMap<>();
        map(e.get("summary")).forEach((metric, v) -> {
            Map<String, Object> s = map(v);
            List<Object> fold = list(s.get("foldInterval"));
            List<Object> delong = list(s.get("delongCi"));
            summary.put(metric, new Metric(number(s.get("mean")), number(s.get("sd")), at(fold, 0), at(fold, 1), at(delong, 0), at(delong, 1)));
        });
        List<Baseline> baselines = new ArrayList<>();
        map(e.get("baselines")).forEach((name, v) -> {
            Map<String, Object> b = map(v);
            List<Object> ci = list(b.get("delongCi"));
            baselines.add(new Baseline(name, integer(b.get("patients")), number(b.get("auc")), at(ci, 0), at(ci, 1), number(b.get("modelAuc")),
                    number(b.get("pDeLongVsModel")), string(b.get("note"))));
        });
        External external = null;
        if (e.get("external") instanceof Map<?, ?>) {
            Map<String, Object> x = map(e.get("external"));
            List<Object> ci = list(x.get("delongCi"));
            external = new External(integer(x.get("patients")), integer(x.get("deaths")), strings(x.get("selectedFeatures")),
                    integer(x.get("chosenK")), number(x.get("lambda")), numbers(x.get("metrics")), at(ci, 0), at(ci, 1),
                    numbers(x.get("predictions")), integers(x.get("outcomes")), string(x.get("error")));
        }
        return new Endpoint(label, integer(e.get("patients")), integer(e.get("deaths")), error, List.copyOf(folds), summary,
                integers(e.get("outcomes")), survival(e.get("survival")), List.copyOf(baselines), external);
    }

    private static Survival survival(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, Object> s = map(o);
        List<KmGroup> groups = new ArrayList<>();
        for (Object g : list(s.get("groups"))) {
            Map<String, Object> m = map(g);
            List<Object> curve = list(m.get("curve"));
            double[] times = new double[curve.size()];
            double[] surv = new double[curve.size()];
            List<Double> censored = new ArrayList<>();
            for (int i = 0; i < curve.size(); i++) {
                Map<String, Object> step = map(curve.get(i));
                times[i] = number(step.get("time"));
                surv[i] = number(step.get("survival"));
                if (intOr(step.get("censored"), 0) > 0) {
                    censored.add(times[i]);
                }
            }
            Object median = m.get("medianYears");
            groups.add(new KmGroup(string(m.get("name")), intOr(m.get("patients"), 0), intOr(m.get("events"), 0),
                    median == null ? null : number(median), times, surv, censored.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Map<String, Object> cox = map(s.get("riskGroupCox"));
        return new Survival(intOr(s.get("patients"), 0), List.copyOf(groups), number(s.get("logRankChiSquare")), number(s.get("logRankP")),
                at(list(cox.get("hazardRatio")), 0), at(list(cox.get("lower")), 0), at(list(cox.get("upper")), 0), number(s.get("cIndex")));
    }

    /** ROC of P(survival) for survival (the positive class, 1 = alive) as [fpr, tpr] points; empty without both classes. */
    public static double[][] rocPoints(Map<String, Double> pSurvival, Map<String, Integer> outcomes) {
        List<String> ids = pSurvival.keySet().stream().filter(outcomes::containsKey).toList();
        double[] p = ids.stream().mapToDouble(pSurvival::get).toArray();
        int[] y = ids.stream().mapToInt(outcomes::get).toArray();
        if (Arrays.stream(y).distinct().count() < 2 || Arrays.stream(p).anyMatch(v -> !Double.isFinite(v))) {
            return new double[0][];
        }
        Roc roc = Roc.compute(p, y, 1, Direction.HIGHER_IS_POSITIVE);
        return roc.points().stream().map(pt -> new double[] {1 - pt.specificity(), pt.sensitivity()}).toArray(double[][]::new);
    }

    /** Area under a curve of [fpr, tpr] points by the trapezoid rule (points sorted by fpr, then tpr). */
    public static double area(double[][] points) {
        if (points.length < 2) {
            return Double.NaN;
        }
        double[][] sorted = points.clone();
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double area = 0;
        for (int i = 1; i < sorted.length; i++) {
            area += (sorted[i][0] - sorted[i - 1][0]) * (sorted[i][1] + sorted[i - 1][1]) / 2;
        }
        return area;
    }

    // ---- lenient JSON values ----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (o instanceof double[] d) {
            return Arrays.stream(d).boxed().map(Object.class::cast).toList();
        }
        return List.of();
    }

    static String string(Object o) {
        return o == null ? null : o.toString();
    }

    static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }

    /** A number from a JSON value: numbers, numeric strings ("NaN", "Infinity"), else NaN. */
    static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static double at(List<Object> values, int i) {
        return i < values.size() ? number(values.get(i)) : Double.NaN;
    }

    static Integer integer(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static Long longValue(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    private static int intOr(Object o, int fallback) {
        return o instanceof Number n ? n.intValue() : fallback;
    }

    private static Map<String, Double> numbers(Object o) {
        Map<String, Double> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, number(v)));
        return out;
    }

    private static Map<String, Integer> integers(Object o) {
        Map<String, Integer> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(k, n.intValue());
            }
        });
        return out;
    }
}

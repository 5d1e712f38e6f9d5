/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

import io.segsurv.evaluation.ConfusionMetrics;
import io.segsurv.evaluation.DeLong;
import io.segsurv.evaluation.Direction;
import io.segsurv.evaluation.FoldSummary;
import io.segsurv.evaluation.Roc;
import io.segsurv.regression.Family;
import io.segsurv.regression.LassoCv;
import io.segsurv.regression.LassoFit;
import io.segsurv.regression.LogisticModel;
import io.segsurv.regression.LogisticRegression;
import io.segsurv.selection.FeatureMatrix;
import io.segsurv.selection.MedoidSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The paper's protocol (Baek et al. 2019, METHOD.md section 4) as honest cross-validation: K folds
 * whose test sets hold deaths and survivors in equal proportion, R repeats, and ALL selection inside
 * each training fold — k-medoids of the features (Pearson distance, k by silhouette), LASSO with
 * lambda by inner cross-validation, logistic regression — then accuracy, sensitivity (deaths
 * predicted), specificity (survivors predicted) and AUC per fold, summarised with the paper's interval
 * across folds and a DeLong CI (DeLong et al. 1988) on the pooled out-of-fold predictions.
 */
public final class CrossValidation {

    public enum LambdaRule { CV_MIN, CV_1SE, FIXED }

    /**
     * @param folds       K (paper: 6)
     * @param repeats     R
     * @param kMin        smallest number of clusters tried
     * @param kMax        largest number of clusters tried
     * @param restarts    random initialisations per k (paper: 10)
     * @param lambdaRule  cv-min, cv-1se or fixed
     * @param lambda      the fixed lambda (only for FIXED)
     * @param family      LASSO family: gaussian on 0/1 (the paper's Eq. 3) or binomial
     * @param innerFolds  folds of the inner cross-validation choosing lambda
     * @param threshold   probability of survival below which a death is predicted
     * @param seed        every random choice derives from it
     * @param threads     threads of the clustering kernels (results do not depend on it)
     * @param balanced    test folds stratified by outcome (each holds both classes in the cohort's proportion);
     *                    false: plain random folds (a fold may then miss a class, whose AUC is not defined)
     * @param criterion   silhouette variant choosing k: exact (every feature) or medoid (simplified)
     */
    public record Options(int folds, int repeats, int kMin, int kMax, int restarts, LambdaRule lambdaRule, double lambda, Family family,
                          int innerFolds, double threshold, long seed, int threads, boolean balanced,
                          MedoidSelection.Criterion criterion) {

        /** Balanced folds and the exact silhouette, as in the paper. */
        public Options(int folds, int repeats, int kMin, int kMax, int restarts, LambdaRule lambdaRule, double lambda, Family family,
                       int innerFolds, double threshold, long seed, int threads) {
            this(folds, repeats, kMin, kMax, restarts, lambdaRule, lambda, family, innerFolds, threshold, seed, threads, true,
                    MedoidSelection.Criterion.EXACT_SILHOUETTE);
        }

        public Options {
            if (criterion == null) {
                throw new StatsInputException("a silhouette criterion is required");
            }
            if (folds < 2) {
                throw new StatsInputException("folds must be at least 2, was " + folds);
            }
            if (repeats < 1) {
                throw new StatsInputException("repeats must be at least 1, was " + repeats);
            }
            if (kMin < 2 || kMax < kMin) {
                throw new StatsInputException("k range must satisfy 2 <= kMin <= kMax, was " + kMin + ":" + kMax);
            }
            if (restarts < 1) {
                throw new StatsInputException("restarts must be at least 1, was " + restarts);
            }
            if (lambdaRule == LambdaRule.FIXED && !(lambda > 0)) {
                throw new StatsInputException("a fixed lambda must be positive, was " + lambda);
            }
            if (innerFolds < 3) {
                throw new StatsInputException("inner folds must be at least 3, was " + innerFolds);
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new StatsInputException("threshold must be in (0, 1), was " + threshold);
            }
        }

        public static Options paper(long seed) {
            return new Options(6, 1, 2, 40, 10, LambdaRule.CV_MIN, Double.NaN, Family.GAUSSIAN, 10, 0.5, seed,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** One fold's model and its test metrics. */
    public record Fold(int repeat, int fold, List<String> testPatients, int chosenK, int medoids, List<String> selectedFeatures,
                       double lambda, Map<String, Double> metrics, Map<String, Double> predictions, String note) {
    }

    /** Mean, SD and the paper's interval across folds; for AUC also the DeLong CI on pooled predictions. */
    public record Summary(double mean, double sd, double[] foldInterval, double[] delongCi) {
    }

    public record Result(String endpoint, int patients, int deaths, List<Fold> folds, Map<String, Summary> summary) {

        /** Out-of-fold P(survival) per patient, averaged over the repeats. */
        public Map<String, Double> pooledPredictions() {
            Map<String, Double> sum = new LinkedHashMap<>();
            Map<String, Integer> count = new LinkedHashMap<>();
            for (Fold f : folds) {
                f.predictions().forEach((id, p) -> {
                    sum.merge(id, p, Double::sum);
                    count.merge(id, 1, Integer::sum);
                });
            }
            sum.replaceAll((id, s) -> s / count.get(id));
            return sum;
        }

        /**
         * The features selected in at least half of the folds, most frequent first (ties by name), at
         * most {@code max}.
         */
        public List<String> stableFeatures(int max) {
            Map<String, Integer> freq = new java.util.TreeMap<>();
            for (Fold f : folds) {
                for (String s : f.selectedFeatures()) {
                    freq.merge(s, 1, Integer::sum);
                }
            }
            return freq.entrySet().stream().filter(e -> 2 * e.getValue() >= folds.size())
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(max).map(Map.Entry::getKey).toList();
        }
    }

    private CrossValidation() {
    }

    /**
     * @param outcome per patient id: 1 = alive at the horizon, 0 = dead (the paper's coding);
     *                only qualifying patients
     */
    public static Result run(String endpoint, FeatureTable features, Map<String, Integer> outcome, Options options) {
        List<String> ids = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < features.rows(); r++) {
            Integer y = outcome.get(features.rowIds().get(r));
            if (y != null) {
                ids.add(features.rowIds().get(r));
                rows.add(r);
            }
        }
        int n = ids.size();
        int[] y = new int[n];
        int deaths = 0;
        for (int i = 0; i < n; i++) {
            y[i] = outcome.get(ids.get(i));
            if (y[i] != 0 && y[i] != 1) {
                throw new StatsInputException("outcome of patient " + ids.get(i) + " is " + y[i] + ": must be 1 (alive) or 0 (dead)");
            }
            deaths += 1 - y[i];
        }
        if (n < options.folds()) {
            throw new StatsInputException("only " + n + " patients have both features and an outcome for " + endpoint
                    + ": fewer than the " + options.folds() + " folds");
        }
        if (deaths == 0 || deaths == n) {
            throw new StatsInputException("endpoint " + endpoint + " has one class only (" + (deaths == 0 ? "no deaths" : "no survivors")
                    + " among " + n + " patients)");
        }
        if (Math.min(deaths, n - deaths) < options.folds()) {
            throw new StatsInputException("endpoint " + endpoint + " has " + Math.min(deaths, n - deaths) + " patients of its smaller class: "
                    + "fewer than the " + options.folds() + " folds, so some test fold would miss a class");
        }
        List<Fold> folds = new ArrayList<>();
        double[] pooled = new double[n];
        for (int rep = 0; rep < options.repeats(); rep++) {
            SplittableRandom random = new SplittableRandom(options.seed() * 1_000_003L + rep);
            int[] foldOf = options.balanced() ? stratifiedFolds(y, options.folds(), random) : randomFolds(y.length, options.folds(), random);
            for (int f = 0; f < options.folds(); f++) {
                Fold fold = fitFold(endpoint, features, rows, ids, y, foldOf, rep, f, options);
                folds.add(fold);
                for (var e : fold.predictions().entrySet()) {
                    pooled[ids.indexOf(e.getKey())] += e.getValue() / options.repeats();
                }
            }
        }
        Map<String, Summary> summary = new LinkedHashMap<>();
        for (String metric : List.of("auc", "accuracy", "sensitivity", "specificity")) {
            double[] values = folds.stream().mapToDouble(f -> f.metrics().get(metric)).filter(Double::isFinite).toArray();
            FoldSummary s = FoldSummary.compute(values);
            double[] delong = null;
            if (metric.equals("auc")) {
                var ci = DeLong.compute(pooled, y, 1, Direction.HIGHER_IS_POSITIVE);
                delong = new double[] {ci.lower(), ci.upper()};
            }
            summary.put(metric, new Summary(s.mean(), s.standardDeviation(), new double[] {s.lower(), s.upper()}, delong));
        }
        return new Result(endpoint, n, deaths, folds, summary);
    }

    /** A seeded shuffle dealt round-robin, ignoring the outcome (balanced folds off). */
    static int[] randomFolds(int n, int k, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) {
            foldOf[order[i]] = i % k;
        }
        return foldOf;
    }

    /** Each class dealt round-robin, after a seeded shuffle, so that every test fold holds both classes in equal proportion. */
    static int[] stratifiedFolds(int[] y, int k, SplittableRandom random) {
        int[] foldOf = new int[y.length];
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == cls) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int offset = random.nextInt(k); // do not always give the first folds the extra member
            for (int i = 0; i < members.size(); i++) {
                foldOf[members.get(i)] = (i + offset) % k;
            }
        }
        return foldOf;
    }

    /**
     * A model trained on some patients: the chosen k, the medoid features, the LASSO selection and
     * the logistic regression on it (null when LASSO selected nothing: then the training prevalence).
     */
    public record TrainedModel(int chosenK, List<String> medoids, List<String> selectedFeatures, double lambda, double prevalence,
                               LogisticModel logistic, String note) {

        /** P(survival) of a patient (a row of a table that has the selected feature columns). */
        public double predict(FeatureTable table, int row) {
            if (logistic == null) {
                return prevalence;
            }
            double[] x = new double[selectedFeatures.size()];
            for (int c = 0; c < x.length; c++) {
                x[c] = table.get(row, table.columnIndex(selectedFeatures.get(c)));
            }
            return logistic.predict(x);
        }
    }

    /** Selection and fitting on the given rows of a table only (a training fold, or a whole cohort). */
    static TrainedModel train(FeatureTable features, List<Integer> tableRows, double[] y, Options o, long seed) {
        // 1. k-medoids of the features over these patients only
        double[][] trainRows = new double[tableRows.size()][];
        for (int i = 0; i < tableRows.size(); i++) {
            trainRows[i] = features.row(tableRows.get(i));
        }
        MedoidSelection.Result clusters = MedoidSelection.fit(FeatureMatrix.ofRows(trainRows, features.columns()),
                new MedoidSelection.Options(o.kMin(), Math.min(o.kMax(), features.cols() - 1), o.restarts(), seed,
                        MedoidSelection.Algorithm.GROUPED, o.criterion(), o.threads()));
        List<String> medoids = clusters.medoidNames();
        int[] medoidColumns = medoids.stream().mapToInt(features::columnIndex).toArray();
        double[][] x = select(features, tableRows, medoidColumns);
        // 2. LASSO on the medoids, lambda by inner cross-validation of these patients
        LassoFit lasso;
        if (o.lambdaRule() == LambdaRule.FIXED) {
            lasso = io.segsurv.regression.Lasso.fit(medoids, x, y, fixedLambda(o)).at(0);
        } else {
            LassoCv.Result cv = LassoCv.fit(medoids, x, y, innerFolds(o, y, seed));
            lasso = o.lambdaRule() == LambdaRule.CV_MIN ? cv.fitMin() : cv.fit1se();
        }
        List<String> selected = lasso.selected();
        // 3. logistic regression on the selected features
        int[] selectedColumns = selected.stream().mapToInt(features::columnIndex).toArray();
        double prevalence = Arrays.stream(y).average().orElse(0.5);
        LogisticModel model = selected.isEmpty() ? null
                : LogisticRegression.fit(selected, select(features, tableRows, selectedColumns), y, LogisticRegression.Options.defaults());
        String note = model == null ? "LASSO selected no feature: the model predicts the training prevalence" : model.message();
        return new TrainedModel(clusters.chosen().k(), medoids, selected, lasso.lambda(), prevalence, model, note);
    }

    private static Fold fitFold(String endpoint, FeatureTable features, List<Integer> rows, List<String> ids, int[] y, int[] foldOf,
                                int rep, int f, Options o) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            (foldOf[i] == f ? test : train).add(i);
        }
        TrainedModel model = train(features, train.stream().map(rows::get).toList(), train.stream().mapToDouble(i -> y[i]).toArray(), o,
                o.seed() * 31 + rep * 1009L + f);
        double[] p = new double[test.size()];
        int[] yTest = new int[test.size()];
        Map<String, Double> predictions = new LinkedHashMap<>();
        for (int i = 0; i < test.size(); i++) {
            p[i] = model.predict(features, rows.get(test.get(i)));
            yTest[i] = y[test.get(i)];
            predictions.put(ids.get(test.get(i)), p[i]);
        }
        return new Fold(rep, f, test.stream().map(ids::get).toList(), model.chosenK(), model.medoids().size(), model.selectedFeatures(),
                model.lambda(), metrics(p, yTest, o.threshold()), predictions, model.note());
    }

    static Map<String, Double> metrics(double[] p, int[] y, double threshold) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean bothClasses = Arrays.stream(y).anyMatch(v -> v == 1) && Arrays.stream(y).anyMatch(v -> v == 0);
        // a random (unbalanced) test fold may miss a class: its AUC is undefined and left out of the summary
        metrics.put("auc", bothClasses ? Roc.compute(p, y, 1, Direction.HIGHER_IS_POSITIVE).auc() : Double.NaN);
        // deaths are the positive class of sensitivity: a death is predicted when P(survival) < threshold
        double[] pDeath = Arrays.stream(p).map(v -> 1 - v).toArray();
        ConfusionMetrics cm = ConfusionMetrics.compute(pDeath, y, 0, Direction.HIGHER_IS_POSITIVE, 1 - threshold);
        metrics.put("accuracy", cm.accuracy());
        metrics.put("sensitivity", cm.sensitivity());
        metrics.put("specificity", cm.specificity());
        metrics.put("threshold", threshold);
        return metrics;
    }

    /** External validation: the model trained on all of cohort A, applied unchanged to cohort B. */
    public record External(int patients, int deaths, TrainedModel model, Map<String, Double> metrics, double[] delongCi,
                           Map<String, Double> predictions) {
    }

    public static External external(FeatureTable a, Map<String, Integer> outcomeA, FeatureTable b, Map<String, Integer> outcomeB,
                                    Options o) {
        List<Integer> rowsA = new ArrayList<>();
        List<Double> yA = new ArrayList<>();
        for (int r = 0; r < a.rows(); r++) {
            Integer v = outcomeA.get(a.rowIds().get(r));
            if (v != null) {
                rowsA.add(r);
                yA.add((double) v);
            }
        }
        if (rowsA.isEmpty() || yA.stream().distinct().count() < 2) {
            throw new StatsInputException("the training cohort needs patients of both classes with features and an outcome");
        }
        TrainedModel model = train(a, rowsA, yA.stream().mapToDouble(Double::doubleValue).toArray(), o, o.seed() * 7919);
        for (String f : model.selectedFeatures()) {
            if (!b.columns().contains(f)) {
                throw new StatsInputException("the external cohort has no column '" + f + "', which the model selected");
            }
        }
        List<Double> p = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        Map<String, Double> predictions = new LinkedHashMap<>();
        for (int r = 0; r < b.rows(); r++) {
            Integer v = outcomeB.get(b.rowIds().get(r));
            if (v != null) {
                double pr = model.predict(b, r);
                p.add(pr);
                y.add(v);
                predictions.put(b.rowIds().get(r), pr);
            }
        }
        int[] yb = y.stream().mapToInt(Integer::intValue).toArray();
        int deaths = (int) y.stream().filter(v -> v == 0).count();
        if (deaths == 0 || deaths == yb.length) {
            throw new StatsInputException("the external cohort has one class only among " + yb.length + " patients with an outcome");
        }
        if (Math.min(deaths, yb.length - deaths) < 2) {
            throw new StatsInputException("the external cohort has " + Math.min(deaths, yb.length - deaths) + " patient(s) of its smaller "
                    + "class among " + yb.length + ": at least 2 of each are needed for the DeLong interval");
        }
        double[] pb = p.stream().mapToDouble(Double::doubleValue).toArray();
        var ci = DeLong.compute(pb, yb, 1, Direction.HIGHER_IS_POSITIVE);
        return new External(yb.length, deaths, model, metrics(pb, yb, o.threshold()), new double[] {ci.lower(), ci.upper()}, predictions);
    }

    private static io.segsurv.regression.Lasso.Options fixedLambda(Options o) {
        io.segsurv.regression.Lasso.Options d = io.segsurv.regression.Lasso.Options.of(o.family());
        return new io.segsurv.regression.Lasso.Options(d.family(), 1, d.lambdaMinRatio(), new double[] {o.lambda()}, null, d.thresh(),
                d.maxit(), false);
    }

    private static LassoCv.Options innerFolds(Options o, double[] yTrain, long seed) {
        int k = Math.min(o.innerFolds(), yTrain.length);
        int[] y = Arrays.stream(yTrain).mapToInt(v -> (int) v).toArray();
        int[] ids = stratifiedFolds(y, k, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] foldId = Arrays.stream(ids).map(v -> v + 1).toArray();
        return LassoCv.Options.withFolds(io.segsurv.regression.Lasso.Options.of(o.family()), foldId);
    }

    private static double[][] select(FeatureTable t, List<Integer> tableRows, int[] columns) {
        double[][] out = new double[tableRows.size()][columns.length];
        for (int i = 0; i < tableRows.size(); i++) {
            int r = tableRows.get(i);
            for (int c = 0; c < columns.length; c++) {
                out[i][c] = t.get(r, columns[c]);
            }
        }
        return out;
    }
}

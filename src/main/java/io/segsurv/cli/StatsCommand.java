/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.cohort.Endpoint;
import io.segsurv.evaluation.DeLong;
import io.segsurv.evaluation.Direction;
import io.segsurv.regression.Family;
import io.segsurv.regression.Lasso;
import io.segsurv.regression.LassoCv;
import io.segsurv.regression.LassoFit;
import io.segsurv.regression.LogisticModel;
import io.segsurv.regression.LogisticRegression;
import io.segsurv.selection.FeatureMatrix;
import io.segsurv.selection.KMedoidsResult;
import io.segsurv.selection.MedoidSelection;
import io.segsurv.stats.CrossValidation;
import io.segsurv.stats.FeatureTable;
import io.segsurv.stats.RiskGroupSurvival;
import io.segsurv.stats.StatsInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code segsurv stats kmedoids|silhouette|lasso|logistic|auc|cv}: the statistics core on CSV files
 * (rows = patients, columns = features, header row), results as JSON. No database, no server.
 * The JSON fields are documented in docs/STATS_JSON.md and are a stable contract.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Run the statistics core on CSV files and write JSON.",
        subcommands = {StatsCommand.KMedoids.class, StatsCommand.Silhouette.class, StatsCommand.LassoCmd.class, StatsCommand.Logistic.class,
                StatsCommand.Auc.class, StatsCommand.Cv.class})
final class StatsCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatsCommand() {
    }

    static void write(Path out, Object value) throws IOException {
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        if (out == null) {
            System.out.println(json);
        } else {
            Files.writeString(out, json);
            System.out.println("wrote " + out);
        }
    }

    static int[] range(String spec) {
        String[] parts = spec.split(":");
        try {
            int lo = Integer.parseInt(parts[0].strip());
            int hi = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : lo;
            if (parts.length > 2 || lo < 2 || hi < lo) {
                throw new NumberFormatException();
            }
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new StatsInputException("--k must be K or KMIN:KMAX with 2 <= KMIN <= KMAX, was '" + spec + "'");
        }
    }

    static MedoidSelection.Algorithm algorithm(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fasterpam" -> MedoidSelection.Algorithm.FASTER_PAM;
            case "default" -> MedoidSelection.Algorithm.GROUPED;
            case "alternating" -> MedoidSelection.Algorithm.ALTERNATING;
            default -> throw new StatsInputException("--algorithm must be 'default', 'fasterpam' or 'alternating', was '" + name + "'");
        };
    }

    static FeatureMatrix matrix(FeatureTable t) {
        double[][] rows = new double[t.rows()][];
        for (int r = 0; r < t.rows(); r++) {
            rows[r] = t.row(r);
        }
        return FeatureMatrix.ofRows(rows, t.columns());
    }

    static void checkDistance(String distance) {
        if (!distance.equalsIgnoreCase("pearson")) {
            throw new StatsInputException("--distance must be 'pearson' (1 - correlation), was '" + distance + "'");
        }
    }

    /** Rows of the features that have an outcome, with their labels. */
    record Labelled(List<String> ids, double[][] x, double[] y) {
        static Labelled of(FeatureTable t, Map<String, Integer> outcome, String endpoint) {
            List<String> ids = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int r = 0; r < t.rows(); r++) {
                Integer y = outcome.get(t.rowIds().get(r));
                if (y != null) {
                    ids.add(t.rowIds().get(r));
                    rows.add(t.row(r));
                    ys.add((double) y);
                }
            }
            if (ids.isEmpty()) {
                throw new StatsInputException("no patient has both features and an outcome for " + endpoint
                        + " (are the patient ids the same in both files?)");
            }
            return new Labelled(ids, rows.toArray(double[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** Options shared by the clustering commands. */
    static final class Clustering {
        @Option(names = "--algorithm", defaultValue = "default", description = "default (fast, grouped), fasterpam (exact) or alternating (earlier default).") String algorithm;
        @Option(names = "--restarts", defaultValue = "10") int restarts;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--threads", defaultValue = "0", description = "0 = all cores (results do not depend on it).") int threads;

        MedoidSelection.Options options(int kMin, int kMax, MedoidSelection.Criterion criterion) {
            return new MedoidSelection.Options(kMin, kMax, restarts, seed, algorithm(algorithm), criterion, threads(threads));
        }
    }

    @Command(name = "kmedoids", mixinStandardHelpOptions = true, description = "Cluster the features (columns) by Pearson distance.")
    static final class KMedoids implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "X.csv") Path input;
        @Option(names = "--k", required = true, paramLabel = "K") int k;
        @Option(names = "--distance", defaultValue = "pearson") String distance;
        @Mixin Clustering clustering;
        @Option(names = "--out", paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws IOException {
            checkDistance(distance);
            FeatureTable t = FeatureTable.read(input);
            MedoidSelection.Result r = MedoidSelection.fit(matrix(t), clustering.options(k, k, MedoidSelection.Criterion.MEDOID_SILHOUETTE));
            KMedoidsResult best = r.chosen().best();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("k", best.k());
            json.put("medoids", best.medoidNames());
            Map<String, String> assignment = new LinkedHashMap<>();
            int[] a = best.assignment();
            for (int j = 0; j < a.length; j++) {
                assignment.put(t.columns().get(j), a[j] < 0 ? null : best.medoidNames().get(a[j]));
            }
            json.put("assignment", assignment);
            json.put("loss", best.loss());
            json.put("algorithm", clustering.algorithm);
            json.put("restartLosses", r.chosen().restartLosses());
            json.put("droppedZeroVariance", r.droppedZeroVariance());
            write(out, json);
            return 0;
        }
    }

    @Command(name = "silhouette", mixinStandardHelpOptions = true, description = "Medoid and exact silhouette for each k of a range; the chosen k.")
    static final class Silhouette implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "X.csv") Path input;
        @Option(names = "--k", defaultValue = "2:40", paramLabel = "KMIN:KMAX") String k;
        @Mixin Clustering clustering;
        @Option(names = "--out", paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws IOException {
            int[] ks = range(k);
            FeatureTable t = FeatureTable.read(input);
            MedoidSelection.Result r = MedoidSelection.fit(matrix(t), clustering.options(ks[0], ks[1], MedoidSelection.Criterion.EXACT_SILHOUETTE));
            Map<String, Double> medoid = new LinkedHashMap<>();
            Map<String, Double> exact = new LinkedHashMap<>();
            for (MedoidSelection.PerK p : r.perK()) {
                medoid.put(String.valueOf(p.k()), p.medoidSilhouette());
                exact.put(String.valueOf(p.k()), p.exactSilhouette());
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("medoidSilhouette", medoid);
            json.put("silhouette", exact);
            json.put("k", r.chosen().k());
            json.put("medoids", r.medoidNames());
            write(out, json);
            return 0;
        }
    }

    @Command(name = "lasso", mixinStandardHelpOptions = true, description = "LASSO of an endpoint on the features (glmnet conventions).")
    static final class LassoCmd implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "X.csv") Path input;
        @Option(names = "--outcomes", required = true, paramLabel = "O.csv") Path outcomes;
        @Option(names = "--endpoint", required = true, description = "2OS, 5OS, 2DS or 5DS.") String endpoint;
        @Option(names = "--family", defaultValue = "gaussian", description = "gaussian (the paper) or binomial.") String family;
        @Option(names = "--lambda", defaultValue = "cv-min", description = "cv-min, cv-1se or a number.") String lambda;
        @Option(names = "--folds", defaultValue = "10", description = "Folds of the cross-validation choosing lambda.") int folds;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--out", paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws IOException {
            FeatureTable t = FeatureTable.read(input);
            Labelled d = Labelled.of(t, OutcomeTable.read(outcomes, endpointOf(endpoint)), endpoint);
            Family fam = family(family);
            Map<String, Object> json = new LinkedHashMap<>();
            LassoFit fit;
            if (lambda.equals("cv-min") || lambda.equals("cv-1se")) {
                LassoCv.Result cv = LassoCv.fit(t.columns(), d.x(), d.y(), new LassoCv.Options(Lasso.Options.of(fam), folds, null, seed));
                fit = lambda.equals("cv-min") ? cv.fitMin() : cv.fit1se();
                json.put("lambdaMin", cv.lambdaMin());
                json.put("lambda1se", cv.lambda1se());
            } else {
                double value;
                try {
                    value = Double.parseDouble(lambda);
                } catch (NumberFormatException e) {
                    throw new StatsInputException("--lambda must be cv-min, cv-1se or a positive number, was '" + lambda + "'");
                }
                fit = Lasso.fit(t.columns(), d.x(), d.y(), Lasso.Options.of(fam).withLambda(new double[] {value})).at(0);
                json.put("lambdaMin", null);
                json.put("lambda1se", null);
            }
            json.put("lambda", fit.lambda());
            json.put("intercept", fit.intercept());
            json.put("coefficients", fit.coefficients());
            json.put("selected", fit.selected());
            json.put("family", family);
            json.put("patients", d.ids().size());
            write(out, json);
            return 0;
        }
    }

    @Command(name = "logistic", mixinStandardHelpOptions = true, description = "Logistic regression of an endpoint on (a few) features.")
    static final class Logistic implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "X.csv") Path input;
        @Option(names = "--outcomes", required = true, paramLabel = "O.csv") Path outcomes;
        @Option(names = "--endpoint", required = true) String endpoint;
        @Option(names = "--out", paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws IOException {
            FeatureTable t = FeatureTable.read(input);
            Labelled d = Labelled.of(t, OutcomeTable.read(outcomes, endpointOf(endpoint)), endpoint);
            LogisticModel m = LogisticRegression.fit(t.columns(), d.x(), d.y(), LogisticRegression.Options.defaults());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("intercept", m.intercept());
            json.put("coefficients", m.coefficients());
            json.put("standardErrors", m.standardErrors());
            json.put("converged", m.converged());
            json.put("ridge", m.ridge());
            json.put("message", m.message());
            write(out, json);
            return 0;
        }
    }

    @Command(name = "auc", mixinStandardHelpOptions = true, description = "ROC AUC of a score with its DeLong 95% CI.")
    static final class Auc implements Callable<Integer> {
        @Option(names = "--scores", required = true, paramLabel = "S.csv", description = "Patient ids and a score column.") Path scores;
        @Option(names = "--column", description = "Score column (default: the only one).") String column;
        @Option(names = "--outcomes", required = true, paramLabel = "O.csv") Path outcomes;
        @Option(names = "--endpoint", required = true) String endpoint;
        @Option(names = "--direction", defaultValue = "higher-alive",
                description = "higher-alive (a higher score predicts survival) or higher-dead.") String direction;
        @Option(names = "--compare", paramLabel = "COLUMN",
                description = "A second score column of the same file: DeLong test of the two correlated AUCs on the same patients.") String compare;
        @Option(names = "--out", paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws IOException {
            FeatureTable t = FeatureTable.read(scores);
            if (column == null && t.cols() != 1) {
                throw new StatsInputException(scores.getFileName() + " has " + t.cols() + " columns: name one with --column");
            }
            int c = column == null ? 0 : t.columnIndex(column);
            Map<String, Integer> o = OutcomeTable.read(outcomes, endpointOf(endpoint));
            int c2 = compare == null ? -1 : t.columnIndex(compare);
            List<Double> s = new ArrayList<>();
            List<Double> s2 = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (int r = 0; r < t.rows(); r++) {
                Integer v = o.get(t.rowIds().get(r));
                if (v != null) {
                    s.add(t.get(r, c));
                    if (c2 >= 0) {
                        s2.add(t.get(r, c2));
                    }
                    y.add(v);
                }
            }
            Direction dir = switch (direction) {
                case "higher-alive" -> Direction.HIGHER_IS_POSITIVE;
                case "higher-dead" -> Direction.LOWER_IS_POSITIVE;
                default -> throw new StatsInputException("--direction must be higher-alive or higher-dead, was '" + direction + "'");
            };
            var ci = DeLong.compute(s.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToInt(Integer::intValue).toArray(), 1, dir);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("auc", ci.auc());
            json.put("ci", new double[] {ci.lower(), ci.upper()});
            json.put("method", "DeLong");
            json.put("patients", s.size());
            if (c2 >= 0) {
                var cmp = DeLong.compare(s.stream().mapToDouble(Double::doubleValue).toArray(), dir, s2.stream().mapToDouble(Double::doubleValue).toArray(),
                        dir, y.stream().mapToInt(Integer::intValue).toArray(), 1);
                Map<String, Object> comparison = new LinkedHashMap<>();
                comparison.put("column", compare);
                comparison.put("auc", cmp.auc2());
                comparison.put("z", cmp.z());
                comparison.put("p", cmp.pValue());
                comparison.put("method", "DeLong test of two correlated ROC curves");
                json.put("comparison", comparison);
            }
            write(out, json);
            return 0;
        }
    }

    @Command(name = "cv", mixinStandardHelpOptions = true,
            description = "The paper's protocol: k-medoids, silhouette, LASSO and logistic regression inside each of K stratified folds.")
    static final class Cv implements Callable<Integer> {
        /** Most features in the descriptive Cox model of the survival section. */
        static final int COX_FEATURES = 5;

        @Option(names = "--features", required = true, paramLabel = "F.csv") Path features;
        @Option(names = "--outcomes", required = true, paramLabel = "O.csv") Path outcomes;
        @Option(names = "--endpoint", required = true) String endpoint;
        @Option(names = "--folds", defaultValue = "6") int folds;
        @Option(names = "--repeats", defaultValue = "1") int repeats;
        @Option(names = "--k", defaultValue = "2:40", paramLabel = "KMIN:KMAX") String k;
        @Option(names = "--restarts", defaultValue = "10") int restarts;
        @Option(names = "--lambda", defaultValue = "cv-min", description = "cv-min, cv-1se or a number.") String lambda;
        @Option(names = "--family", defaultValue = "gaussian") String family;
        @Option(names = "--inner-folds", defaultValue = "10") int innerFolds;
        @Option(names = "--threshold", defaultValue = "0.5", description = "P(survival) below which a death is predicted.") double threshold;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--threads", defaultValue = "0") int threads;
        @Option(names = "--external-features", paramLabel = "B.csv",
                description = "External validation: train on all of the first cohort, apply unchanged to this one.") Path externalFeatures;
        @Option(names = "--external-outcomes", paramLabel = "OB.csv") Path externalOutcomes;
        @Option(names = "--out", paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws IOException {
            int[] ks = range(k);
            if ((externalFeatures == null) != (externalOutcomes == null)) {
                throw new StatsInputException("--external-features and --external-outcomes go together");
            }
            CrossValidation.LambdaRule rule;
            double value = Double.NaN;
            switch (lambda) {
                case "cv-min" -> rule = CrossValidation.LambdaRule.CV_MIN;
                case "cv-1se" -> rule = CrossValidation.LambdaRule.CV_1SE;
                default -> {
                    rule = CrossValidation.LambdaRule.FIXED;
                    try {
                        value = Double.parseDouble(lambda);
                    } catch (NumberFormatException e) {
                        throw new StatsInputException("--lambda must be cv-min, cv-1se or a positive number, was '" + lambda + "'");
                    }
                }
            }
            var options = new CrossValidation.Options(folds, repeats, ks[0], ks[1], restarts, rule, value, family(family), innerFolds, threshold, seed,
                    threads(threads));
            FeatureTable t = FeatureTable.read(features);
            Map<String, Integer> outcome = OutcomeTable.read(outcomes, endpointOf(endpoint));
            CrossValidation.Result result = CrossValidation.run(endpointOf(endpoint).label(), t, outcome, options);
            Map<String, Object> json = new LinkedHashMap<>(JSON.convertValue(result, Map.class));
            Map<String, RiskGroupSurvival.Time> times = OutcomeTable.times(outcomes, endpointOf(endpoint));
            json.put("survival", times.isEmpty() ? null : RiskGroupSurvival.compute(result.pooledPredictions(), times,
                    threshold, t, result.stableFeatures(COX_FEATURES)));
            if (externalFeatures != null) {
                CrossValidation.External ext = CrossValidation.external(t, outcome, FeatureTable.read(externalFeatures),
                        OutcomeTable.read(externalOutcomes, endpointOf(endpoint)), options);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("patients", ext.patients());
                e.put("deaths", ext.deaths());
                e.put("selectedFeatures", ext.model().selectedFeatures());
                e.put("chosenK", ext.model().chosenK());
                e.put("lambda", ext.model().lambda());
                e.put("metrics", ext.metrics());
                e.put("delongCi", ext.delongCi());
                e.put("predictions", ext.predictions());
                json.put("external", e);
            }
            write(out, json);
            return 0;
        }
    }

    static Endpoint endpointOf(String label) {
        try {
            return Endpoint.of(label);
        } catch (IllegalArgumentException e) {
            throw new StatsInputException(e.getMessage());
        }
    }

    static Family family(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian" -> Family.GAUSSIAN;
            case "binomial" -> Family.BINOMIAL;
            default -> throw new StatsInputException("--family must be gaussian or binomial, was '" + name + "'");
        };
    }

    static int threads(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }
}

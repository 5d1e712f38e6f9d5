/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.evaluation.Direction;
import io.segsurv.evaluation.Roc;
import io.segsurv.regression.Family;
import io.segsurv.regression.LassoCv;
import io.segsurv.regression.LogisticModel;
import io.segsurv.regression.LogisticRegression;
import io.segsurv.selection.FeatureMatrix;
import io.segsurv.selection.MedoidSelection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cross-validation driver: signal is found, noise is not, and selection never sees the test fold. */
class CrossValidationTest {

    static final int PATIENTS = 72;
    static final int GROUPS = 30;
    static final int PER_GROUP = 12;

    /** Features in correlated groups (as bottleneck channels are), some all-zero ReLU columns; the outcome follows group 0. */
    static FeatureTable data(long seed, double[] latent0) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] latent = new double[GROUPS][PATIENTS];
        for (int g = 0; g < GROUPS; g++) {
            for (int i = 0; i < PATIENTS; i++) {
                latent[g][i] = r.nextGaussian();
            }
        }
        System.arraycopy(latent[0], 0, latent0, 0, PATIENTS);
        int p = GROUPS * PER_GROUP + 20;
        double[] values = new double[PATIENTS * p];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < p; c++) {
            names.add(String.format("C%05d", c));
        }
        for (int i = 0; i < PATIENTS; i++) {
            for (int c = 0; c < GROUPS * PER_GROUP; c++) {
                values[i * p + c] = Math.max(0, latent[c / PER_GROUP][i] + 0.4 * r.nextGaussian() + 0.5);
            }
            // the last 20 columns stay 0: dead ReLUs
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            ids.add("P" + i);
        }
        return new FeatureTable(ids, names, values);
    }

    static CrossValidation.Options options(long seed) {
        return new CrossValidation.Options(6, 1, 2, 12, 3, CrossValidation.LambdaRule.CV_MIN, Double.NaN, Family.GAUSSIAN, 5, 0.5, seed, 2);
    }

    @Test
    void findsTheSignalInsideTheFolds() {
        double[] latent = new double[PATIENTS];
        FeatureTable t = data(1, latent);
        Map<String, Integer> outcome = new HashMap<>();
        for (int i = 0; i < PATIENTS; i++) {
            outcome.put("P" + i, latent[i] > 0 ? 1 : 0);
        }
        CrossValidation.Result result = CrossValidation.run("2OS", t, outcome, options(7));
        assertThat(result.folds()).hasSize(6);
        assertThat(result.summary().get("auc").mean()).isGreaterThan(0.7); // measured 0.80 (seed 7)
        assertThat(result.summary().get("auc").delongCi()[0]).isGreaterThan(0.6);
        // test folds hold deaths and survivors in equal proportion: per class, fold counts differ by at most one
        List<Long> deaths = result.folds().stream().map(f -> f.testPatients().stream().filter(id -> outcome.get(id) == 0).count()).toList();
        List<Long> alive = result.folds().stream().map(f -> f.testPatients().stream().filter(id -> outcome.get(id) == 1).count()).toList();
        assertThat(java.util.Collections.max(deaths) - java.util.Collections.min(deaths)).isLessThanOrEqualTo(1);
        assertThat(java.util.Collections.max(alive) - java.util.Collections.min(alive)).isLessThanOrEqualTo(1);
        assertThat(deaths.stream().mapToLong(Long::longValue).sum() + alive.stream().mapToLong(Long::longValue).sum()).isEqualTo(PATIENTS);
        // the same seed gives the same result
        CrossValidation.Result again = CrossValidation.run("2OS", t, outcome, options(7));
        assertThat(again.folds()).extracting(CrossValidation.Fold::selectedFeatures)
                .isEqualTo(result.folds().stream().map(CrossValidation.Fold::selectedFeatures).toList());
        assertThat(again.summary().get("auc").mean()).isEqualTo(result.summary().get("auc").mean());
    }

    @Test
    void permutedLabelsStayNearChanceWhileSelectingOutsideTheFoldsWouldNot() {
        double[] latent = new double[PATIENTS];
        FeatureTable t = data(2, latent);
        SplittableRandom r = new SplittableRandom(99);
        Map<String, Integer> noise = new HashMap<>();
        int[] y = new int[PATIENTS];
        for (int i = 0; i < PATIENTS; i++) {
            y[i] = i % 2;
        }
        for (int i = PATIENTS - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = y[i];
            y[i] = y[j];
            y[j] = tmp;
        }
        for (int i = 0; i < PATIENTS; i++) {
            noise.put("P" + i, y[i]);
        }
        CrossValidation.Result honest = CrossValidation.run("2OS", t, noise, options(3));
        double[] ci = honest.summary().get("auc").foldInterval();
        assertThat(ci[0]).isLessThan(0.5);
        assertThat(ci[1]).isGreaterThan(0.5);

        // the leak: k-medoids and LASSO on ALL patients, then only the logistic regression cross-validated
        double[][] rows = new double[PATIENTS][];
        for (int i = 0; i < PATIENTS; i++) {
            rows[i] = t.row(i);
        }
        List<String> medoids = MedoidSelection.fit(FeatureMatrix.ofRows(rows, t.columns()),
                new MedoidSelection.Options(2, 12, 3, 3, MedoidSelection.Algorithm.ALTERNATING, MedoidSelection.Criterion.EXACT_SILHOUETTE, 2))
                .medoidNames();
        double[][] x = new double[PATIENTS][medoids.size()];
        for (int i = 0; i < PATIENTS; i++) {
            for (int m = 0; m < medoids.size(); m++) {
                x[i][m] = t.get(i, t.columnIndex(medoids.get(m)));
            }
        }
        double[] yd = java.util.Arrays.stream(y).asDoubleStream().toArray();
        List<String> selected = LassoCv.fit(medoids, x, yd, LassoCv.Options.of(Family.GAUSSIAN, 3)).fitMin().selected();
        double leaky = leakyAuc(t, selected, y);
        assertThat(leaky).as("selection outside the folds overfits noise").isGreaterThan(honest.summary().get("auc").mean());
    }

    /** Logistic regression cross-validated on features chosen beforehand from all patients. */
    private static double leakyAuc(FeatureTable t, List<String> selected, int[] y) {
        if (selected.isEmpty()) {
            return 0.5;
        }
        int[] fold = CrossValidation.stratifiedFolds(y, 6, new SplittableRandom(5));
        double[] p = new double[PATIENTS];
        for (int f = 0; f < 6; f++) {
            List<double[]> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < PATIENTS; i++) {
                if (fold[i] != f) {
                    xs.add(row(t, i, selected));
                    ys.add((double) y[i]);
                }
            }
            LogisticModel m = LogisticRegression.fit(selected, xs.toArray(double[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray(),
                    LogisticRegression.Options.defaults());
            for (int i = 0; i < PATIENTS; i++) {
                if (fold[i] == f) {
                    p[i] = m.predict(row(t, i, selected));
                }
            }
        }
        return Roc.compute(p, y, 1, Direction.HIGHER_IS_POSITIVE).auc();
    }

    private static double[] row(FeatureTable t, int i, List<String> names) {
        return names.stream().mapToDouble(n -> t.get(i, t.columnIndex(n))).toArray();
    }

    @Test
    void aModelTrainedOnOneCohortIsValidatedUnchangedOnAnother() {
        double[] latentA = new double[PATIENTS];
        double[] latentB = new double[PATIENTS];
        FeatureTable a = data(5, latentA);
        FeatureTable b = data(6, latentB);
        Map<String, Integer> ya = new HashMap<>();
        Map<String, Integer> yb = new HashMap<>();
        for (int i = 0; i < PATIENTS; i++) {
            ya.put("P" + i, latentA[i] > 0 ? 1 : 0);
            yb.put("P" + i, latentB[i] > 0 ? 1 : 0);
        }
        CrossValidation.External ext = CrossValidation.external(a, ya, b, yb, options(9));
        assertThat(ext.patients()).isEqualTo(PATIENTS);
        assertThat(ext.model().selectedFeatures()).isNotEmpty();
        assertThat(ext.metrics().get("auc")).isGreaterThan(0.7);
        assertThat(ext.delongCi()[0]).isLessThan(ext.metrics().get("auc"));
        FeatureTable renamed = new FeatureTable(b.rowIds(), b.columns().stream().map(c -> "X" + c).toList(), b.values());
        assertThatThrownBy(() -> CrossValidation.external(a, ya, renamed, yb, options(9)))
                .hasMessageContaining("the external cohort has no column '" + ext.model().selectedFeatures().getFirst() + "'");
    }

    @Test
    void impossibleSettingsAreExplained() {
        double[] latent = new double[PATIENTS];
        FeatureTable t = data(4, latent);
        Map<String, Integer> few = Map.of("P1", 1, "P2", 0, "P3", 1);
        assertThatThrownBy(() -> CrossValidation.run("5OS", t, few, options(1)))
                .hasMessageContaining("only 3 patients have both features and an outcome for 5OS: fewer than the 6 folds");
        Map<String, Integer> oneClass = new HashMap<>();
        for (int i = 0; i < PATIENTS; i++) {
            oneClass.put("P" + i, 1);
        }
        assertThatThrownBy(() -> CrossValidation.run("2DS", t, oneClass, options(1)))
                .hasMessageContaining("endpoint 2DS has one class only (no deaths among 72 patients)");
        assertThatThrownBy(() -> new CrossValidation.Options(1, 1, 2, 12, 3, CrossValidation.LambdaRule.CV_MIN, Double.NaN, Family.GAUSSIAN, 5,
                0.5, 1, 1)).hasMessage("folds must be at least 2, was 1");
    }
}

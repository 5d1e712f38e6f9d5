/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LASSO paths against glmnet 4.1.6 (R 4.2.2), reference files written by generate.R. "tight" files
 * were fitted with thresh = 1e-20 so that they hold the exact minimiser to ~1e-9; the Java fit uses
 * the same threshold, so the comparison tests the objective and conventions, not where two
 * implementations happen to stop iterating.
 */
class LassoTest {

    static final Reference.Data DATA = Reference.data();
    static final double TIGHT = 1e-20;

    static Lasso.Options tight(Family family) {
        return Lasso.Options.of(family).withThresh(TIGHT, 100_000_000);
    }

    /** Compares every common lambda of a Java path with a glmnet path file. */
    static void assertPath(LassoPath fit, String file, double coefTol, double devTol, boolean sameLength) {
        assertPath(fit, file, coefTol, devTol, sameLength, Integer.MAX_VALUE);
    }

    /**
     * Coefficient tolerance is coefTol * max(1, |glmnet's value|): absolute for ordinary coefficients,
     * relative for the large ones (~40) at the end of a binomial path where the likelihood is flat.
     */
    static void assertPath(LassoPath fit, String file, double coefTol, double devTol, boolean sameLength,
            int coefLambdas) {
        Reference ref = Reference.read(file);
        double[] lambda = ref.column("lambda");
        double[] a0 = ref.column("a0");
        double[] dev = ref.column("dev.ratio");
        double[][] beta = ref.matrix(fit.names());
        if (sameLength) {
            // early path stopping as glmnet's (dev ratio gain < 1e-5 / > 0.999): same number of lambdas
            assertThat(fit.size()).as("path length vs " + file).isEqualTo(lambda.length);
        }
        int common = Math.min(fit.size(), lambda.length);
        double[] jl = fit.lambda();
        for (int k = 0; k < common; k++) {
            // lambda sequence: glmnet, 1e-10 relative (same log-spaced formula, rounding only)
            assertThat(jl[k]).as("lambda[%d] %s", k, file).isCloseTo(lambda[k], withinPercentage(1e-8));
            assertThat(fit.devRatio()[k]).as("dev.ratio[%d] %s", k, file).isCloseTo(dev[k], within(devTol));
            if (k >= coefLambdas) {
                continue;
            }
            assertThat(fit.intercept()[k]).as("a0[%d] %s", k, file)
                    .isCloseTo(a0[k], within(10 * coefTol * Math.max(1, Math.abs(a0[k]))));
            double[] b = fit.beta()[k];
            for (int j = 0; j < b.length; j++) {
                assertThat(b[j]).as("beta[%d][%s] %s", k, fit.names().get(j), file).isCloseTo(beta[k][j], within(coefTol * Math.max(1, Math.abs(beta[k][j]))));
            }
            assertThat(fit.df(k)).as("df[%d] %s", k, file).isCloseTo((int) ref.value(k, "df"), within(1));
        }
    }

    @Test
    void gaussianPathMatchesGlmnet() {
        LassoPath fit = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), tight(Family.GAUSSIAN));
        // glmnet(x, y, family = "gaussian", thresh = 1e-20): coefficients 1e-6 absolute (measured 7e-10),
        // dev.ratio 1e-9 (measured 5e-11); same 78 lambdas (early stop)
        assertPath(fit, "gaussian_path_tight.csv", 1e-6, 1e-9, true);
    }

    @Test
    void gaussianDefaultThreshold() {
        LassoPath fit = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), Lasso.Options.of(Family.GAUSSIAN));
        // glmnet defaults (thresh 1e-7): the two stop iterating at different points (measured: coefficients
        // 7e-4, dev.ratio 1.5e-4 apart); 1e-3 and 3e-4. The early-stop test (gain < 1e-5 x dev.ratio) is then
        // borderline: glmnet keeps 79 lambdas, we keep 78 (both keep 78 at thresh 1e-20), so common lambdas only.
        assertPath(fit, "gaussian_path_default.csv", 1e-3, 3e-4, false);
    }

    @Test
    void weightedGaussianPathMatchesGlmnet() {
        LassoPath fit = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), tight(Family.GAUSSIAN).withWeights(DATA.w()));
        // glmnet(..., weights = w, thresh = 1e-20): 1e-6 absolute (measured 9e-10)
        assertPath(fit, "gaussian_weighted_path_tight.csv", 1e-6, 1e-9, true);
    }

    @Test
    void widePathUsesRatio001() {
        Reference.Data d = DATA.rows(30);
        LassoPath fit = Lasso.fit(d.names(), d.x(), d.y(), tight(Family.GAUSSIAN));
        // n = 30 < p = 40: lambda.min.ratio 0.01; glmnet thresh 1e-20, 1e-6 absolute (measured 2e-8)
        assertPath(fit, "gaussian_wide_path_tight.csv", 1e-6, 1e-9, true);
        assertThat(fit.lambda()[fit.size() - 1] / fit.lambda()[0]).isCloseTo(0.01, withinPercentage(1e-8));
    }

    @Test
    void binomialPathMatchesGlmnet() {
        LassoPath fit = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), tight(Family.BINOMIAL));
        // glmnet(x, y, family = "binomial", thresh = 1e-20): 1e-5 absolute (brief; coefficients reach ~10 at the
        // end of the path where the likelihood is flat), dev.ratio 1e-8
        assertPath(fit, "binomial_path_tight.csv", 1e-5, 1e-8, true);
    }

    @Test
    void binomialEarlyStopIsAbsoluteGain() {
        Reference.Data d = DATA;
        List<String> names = d.names().subList(0, 8);
        double[][] x = new double[d.x().length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = java.util.Arrays.copyOf(d.x()[i], 8);
        }
        LassoPath fit = Lasso.fit(names, x, d.y(), tight(Family.BINOMIAL));
        // glmnet stops this 8-column path after 64 lambdas: the last dev.ratio gain is 9.6e-6 < fdev = 1e-5
        // (absolute; a relative test, 1e-5 x 0.40, would go on). Same tolerances as the 40-column path.
        assertPath(fit, "binomial_narrow_path_tight.csv", 2e-5, 1e-8, true);
        assertThat(fit.stoppedEarly()).isTrue();
    }

    @Test
    void wideBinomialPathMatchesGlmnet() {
        Reference.Data d = DATA.rows(30);
        LassoPath fit = Lasso.fit(d.names(), d.x(), d.y(), tight(Family.BINOMIAL));
        // n = 30 < p = 40, ratio 0.01: glmnet thresh 1e-20, 2e-5 x max(1, |b|)
        assertPath(fit, "binomial_wide_path_tight.csv", 2e-5, 1e-8, true);
    }

    @Test
    void weightedBinomialPathMatchesGlmnet() {
        LassoPath fit = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), tight(Family.BINOMIAL).withWeights(DATA.w()));
        // glmnet(..., weights = w, thresh = 1e-20): 5e-5 x max(1, |b|) (measured 2.3e-5 on a coefficient of 0.3
        // at lambda index 97, the flat end of the path), dev.ratio 1e-8
        assertPath(fit, "binomial_weighted_path_tight.csv", 5e-5, 1e-8, true);
    }

    @Test
    void binomialDefaultThreshold() {
        LassoPath fit = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), Lasso.Options.of(Family.BINOMIAL));
        // glmnet defaults (thresh 1e-7 x null deviance): inner and outer loops stop at different points; measured
        // dev.ratio within 2.1e-4 along the whole path (tolerance 3e-4); coefficients 1e-3 on the first 30 lambdas
        // only (they drift to 0.9 apart at the flat end of the path, where both are far from converged)
        assertPath(fit, "binomial_path_default.csv", 1e-3, 3e-4, true, 30);
    }

    @Test
    void fixedLambdaEqualsPathValue() {
        Reference ref = Reference.read("gaussian_path_tight.csv");
        double l = ref.column("lambda")[20];
        LassoFit one = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), tight(Family.GAUSSIAN).withLambda(l)).at(0);
        assertThat(one.lambda()).isEqualTo(l);
        // exact minimiser from a cold start equals glmnet's warm-started path value, 1e-6 absolute
        for (String name : List.of("f1", "f6", "f13")) {
            assertThat(one.coefficients().get(name)).isCloseTo(ref.value(20, name), within(1e-6));
        }
        assertThat(one.coefficients()).hasSize(40);
    }

    @Test
    void rejectsInvalidInput() {
        double[][] x = DATA.x().clone();
        x[7] = x[7].clone();
        x[7][4] = Double.NaN;
        Lasso.Options g = Lasso.Options.of(Family.GAUSSIAN);
        assertThatThrownBy(() -> Lasso.fit(DATA.names(), x, DATA.y(), g)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 7").hasMessageContaining("'f5'").hasMessageContaining("NaN");
        assertThatThrownBy(() -> Lasso.fit(DATA.x(), new double[96], g)).hasMessageContaining("y is constant");
        assertThatThrownBy(() -> Lasso.fit(DATA.x(), new double[95], g)).hasMessageContaining("96 rows but y has 95");
        double[] y2 = DATA.y().clone();
        y2[3] = 2;
        assertThatThrownBy(() -> Lasso.fit(DATA.x(), y2, Lasso.Options.of(Family.BINOMIAL)))
                .hasMessageContaining("y[3] = 2.0");
        assertThatThrownBy(() -> Lasso.Options.of(Family.GAUSSIAN).withThresh(-1, 10)).hasMessageContaining("thresh = -1.0");
        assertThatThrownBy(() -> Lasso.Options.of(Family.GAUSSIAN).withNlambda(0, Double.NaN))
                .hasMessageContaining("nlambda = 0");
        assertThatThrownBy(() -> Lasso.fit(DATA.x(), DATA.y(), g.withWeights(new double[3])))
                .hasMessageContaining("weights has 3 values");
    }

    @Test
    void runningOutOfPassesReturnsTheConvergedPartOfThePathAsGlmnetDoes() {
        for (Family family : Family.values()) {
            LassoPath full = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), Lasso.Options.of(family));
            // the passes the first lambdas take: enough for a few, far too few for the whole path
            LassoPath cut = Lasso.fit(DATA.names(), DATA.x(), DATA.y(), Lasso.Options.of(family).withThresh(1e-7, 40));
            assertThat(cut.size()).as(family.name()).isPositive().isLessThan(full.size());
            assertThat(cut.stoppedEarly()).isTrue();
            for (int k = 0; k < cut.size(); k++) {
                assertThat(cut.lambda()[k]).isEqualTo(full.lambda()[k]);
                assertThat(cut.intercept()[k]).isEqualTo(full.intercept()[k]);
                assertThat(cut.beta()[k]).containsExactly(full.beta()[k]);
            }
            // and a cross-validation over such paths still chooses a lambda among the converged ones
            LassoCv.Result cv = LassoCv.fit(DATA.names(), DATA.x(), DATA.y(),
                    new LassoCv.Options(Lasso.Options.of(family).withThresh(1e-7, 40), 5, null, 1L));
            assertThat(cv.lambdaMin()).isGreaterThanOrEqualTo(cut.lambda()[cut.size() - 1]);
        }
    }
}

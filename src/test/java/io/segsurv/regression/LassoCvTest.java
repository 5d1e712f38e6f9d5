/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation against {@code cv.glmnet(x, y, family, foldid = foldid, thresh = 1e-20)} from
 * glmnet 4.1.6 (generate.R: cv_gaussian.csv, cv_binomial.csv, cv_summary.csv).
 */
class LassoCvTest {

    static final Reference.Data DATA = Reference.data();

    static LassoCv.Result cv(Family family) {
        Lasso.Options lasso = LassoTest.tight(family);
        return LassoCv.fit(DATA.names(), DATA.x(), DATA.y(), LassoCv.Options.withFolds(lasso, DATA.foldId()));
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void matchesCvGlmnetWithSameFolds(Family family) {
        String fam = family.name().toLowerCase();
        LassoCv.Result r = cv(family);
        Reference ref = Reference.read("cv_" + fam + ".csv");
        Reference summary = Reference.read("cv_summary.csv");
        int row = summary.string(0, "family").equals(fam) ? 0 : 1;
        double[] cvm = ref.column("cvm");
        double[] cvsd = ref.column("cvsd");
        assertThat(r.cvm()).hasSize(cvm.length);
        for (int l = 0; l < cvm.length; l++) {
            // cv.glmnet cvm and cvsd: 1e-6 x max(1, value) (fold fits converged to thresh 1e-20 on both sides;
            // gaussian within 1e-6 absolute; binomial deviance reaches ~4 at the flat end of the path, where fold
            // coefficients of ~40 agree to 2e-5 relative: measured 1.03e-6 absolute there)
            assertThat(r.cvm()[l]).as("cvm[%d]", l).isCloseTo(cvm[l], within(1e-6 * Math.max(1, cvm[l])));
            assertThat(r.cvsd()[l]).as("cvsd[%d]", l).isCloseTo(cvsd[l], within(1e-6 * Math.max(1, cvm[l])));
        }
        // lambda.min and lambda.1se: exactly the path values cv.glmnet picks (index 1-based in R); path lambdas
        // agree with glmnet's to 1e-15 relative, so equality of the index is the exact check
        assertThat(r.indexMin() + 1).isEqualTo((int) summary.value(row, "index.min"));
        assertThat(r.index1se() + 1).isEqualTo((int) summary.value(row, "index.1se"));
        assertThat(r.lambdaMin()).isCloseTo(summary.value(row, "lambda.min"), within(1e-15));
        assertThat(r.lambda1se()).isCloseTo(summary.value(row, "lambda.1se"), within(1e-15));
        assertThat(r.fitMin().lambda()).isEqualTo(r.lambdaMin());
        assertThat(r.fit1se().df()).isLessThanOrEqualTo(r.fitMin().df());
    }

    @Test
    void randomFoldsAreSeededAndBalanced() {
        LassoCv.Options o = new LassoCv.Options(Lasso.Options.of(Family.GAUSSIAN), 10, null, 42);
        LassoCv.Result a = LassoCv.fit(DATA.x(), DATA.y(), o);
        LassoCv.Result b = LassoCv.fit(DATA.x(), DATA.y(), o);
        assertThat(a.foldId()).isEqualTo(b.foldId());
        assertThat(a.cvm()).isEqualTo(b.cvm());
        int[] count = new int[11];
        Arrays.stream(a.foldId()).forEach(f -> count[f]++);
        assertThat(Arrays.copyOfRange(count, 1, 11)).containsOnly(9, 10);
    }

    @Test
    void rejectsInvalidFolds() {
        Lasso.Options g = Lasso.Options.of(Family.GAUSSIAN);
        double[][] x = Arrays.copyOf(DATA.x(), 5);
        double[] y = Arrays.copyOf(DATA.y(), 5);
        y[0] = 1;
        y[1] = 0;
        assertThatThrownBy(() -> LassoCv.fit(x, y, new LassoCv.Options(g, 10, null, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer rows (5) than folds (10)");
        assertThatThrownBy(() -> LassoCv.fit(DATA.x(), DATA.y(), LassoCv.Options.withFolds(g, new int[10])))
                .hasMessageContaining("foldId has 10 values but x has 96 rows");
        assertThatThrownBy(() -> new LassoCv.Options(g, 2, null, 1)).hasMessageContaining("nfolds = 2");
        int[] bad = DATA.foldId().clone();
        bad[4] = 0;
        assertThatThrownBy(() -> LassoCv.fit(DATA.x(), DATA.y(), LassoCv.Options.withFolds(g, bad)))
                .hasMessageContaining("foldId[4] = 0");
    }
}

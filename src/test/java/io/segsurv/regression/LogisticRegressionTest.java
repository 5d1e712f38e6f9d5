/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Logistic regression against R 4.2.2 {@code glm(y ~ f1 + f6 + f13, family = binomial)} (glm.csv, glm_fit.csv). */
class LogisticRegressionTest {

    static final List<String> COLS = List.of("f1", "f6", "f13");

    @Test
    void matchesGlm() {
        Reference data = Reference.read("data.csv");
        double[][] x = data.matrix(COLS);
        LogisticModel m = LogisticRegression.fit(COLS, x, data.column("y"), LogisticRegression.Options.defaults());
        Reference glm = Reference.read("glm.csv");
        // glm(..., control = glm.control(epsilon = 1e-14)): estimates and standard errors 1e-8 absolute (brief;
        // both converged to machine precision, estimates up to 10)
        assertThat(m.intercept()).isCloseTo(glm.value(0, "estimate"), within(1e-8));
        assertThat(m.interceptStandardError()).isCloseTo(glm.value(0, "se"), within(1e-8));
        for (int j = 0; j < COLS.size(); j++) {
            assertThat(m.coefficients().get(COLS.get(j))).as(COLS.get(j)).isCloseTo(glm.value(j + 1, "estimate"),
                    within(1e-8));
            assertThat(m.standardErrors().get(COLS.get(j))).as("se " + COLS.get(j)).isCloseTo(glm.value(j + 1, "se"),
                    within(1e-8));
        }
        // glm deviance, 1e-8 absolute
        assertThat(m.deviance()).isCloseTo(Reference.read("glm_fit.csv").value(0, "deviance"), within(1e-8));
        assertThat(m.converged()).isTrue();
        assertThat(m.ridged()).isFalse();
        assertThat(m.iterations()).isBetween(4, 10);
        // prediction is the logistic of the linear predictor
        double eta = m.intercept() + m.coefficients().get("f1") * x[0][0] + m.coefficients().get("f6") * x[0][1]
                + m.coefficients().get("f13") * x[0][2];
        assertThat(m.predict(x)[0]).isCloseTo(1 / (1 + Math.exp(-eta)), within(1e-15));
    }

    @Test
    void separationIsDetectedAndRidged() {
        Reference s = Reference.read("separation.csv");
        List<String> cols = List.of("s1", "s2");
        double[][] x = s.matrix(cols);
        double[] y = s.column("y");
        // s1 > 0 <=> y = 1 except two tied rows at s1 = 0 (quasi-complete separation): glm's estimate diverges
        LogisticModel m = LogisticRegression.fit(cols, x, y, LogisticRegression.Options.defaults());
        assertThat(m.ridged()).isTrue();
        assertThat(m.ridge()).isEqualTo(1e-3);
        assertThat(m.converged()).isTrue();
        assertThat(m.message()).contains("separation").contains("ridge");
        assertThat(m.coefficients().get("s1")).isPositive().isFinite();
        assertThat(m.standardErrors().get("s1")).isFinite();
        // the ridge fit still separates the classes
        assertThat(m.predict(new double[] {1.5, 0})).isGreaterThan(0.9);
        assertThat(m.predict(new double[] {-1.5, 0})).isLessThan(0.1);
    }

    @Test
    void rejectsInvalidInput() {
        LogisticRegression.Options o = LogisticRegression.Options.defaults();
        double[][] x = {{1, 2}, {2, Double.POSITIVE_INFINITY}, {3, 1}};
        assertThatThrownBy(() -> LogisticRegression.fit(x, new double[] {0, 1, 0}, o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("'V2'");
        double[][] ok = {{1}, {2}, {3}};
        assertThatThrownBy(() -> LogisticRegression.fit(ok, new double[] {1, 1, 1}, o)).hasMessageContaining("y is constant");
        assertThatThrownBy(() -> LogisticRegression.fit(ok, new double[] {1, 0}, o)).hasMessageContaining("3 rows but y has 2");
        assertThatThrownBy(() -> LogisticRegression.fit(ok, new double[] {1, 0, 3}, o)).hasMessageContaining("y[2] = 3.0");
        assertThatThrownBy(() -> o.withRidge(0)).hasMessageContaining("ridge = 0.0");
    }
}

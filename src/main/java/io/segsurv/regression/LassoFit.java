/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One LASSO fit at a single lambda: coefficients on the original scale of x, by feature name,
 * zeros included and in column order.
 *
 * @param family       response family
 * @param lambda       the penalty
 * @param intercept    unpenalised intercept
 * @param coefficients coefficient per feature name, zeros included
 * @param df           number of nonzero coefficients
 * @param devRatio     fraction of null deviance explained
 */
public record LassoFit(Family family, double lambda, double intercept, Map<String, Double> coefficients, int df,
        double devRatio) {

    public LassoFit {
        coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
    }

    LassoFit(Family family, List<String> names, double lambda, double intercept, double[] beta, double devRatio) {
        this(family, lambda, intercept, toMap(names, beta), count(beta), devRatio);
    }

    private static Map<String, Double> toMap(List<String> names, double[] beta) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < beta.length; j++) {
            m.put(names.get(j), beta[j]);
        }
        return m;
    }

    private static int count(double[] beta) {
        int c = 0;
        for (double b : beta) {
            c += b != 0 ? 1 : 0;
        }
        return c;
    }

    /** Names of the selected (nonzero) features, in column order. */
    public List<String> selected() {
        return coefficients.entrySet().stream().filter(e -> e.getValue() != 0).map(Map.Entry::getKey).toList();
    }

    /** Response for one row (values in column order): linear predictor or probability. */
    public double predict(double[] row) {
        double s = intercept;
        int j = 0;
        for (double b : coefficients.values()) {
            s += b * row[j++];
        }
        return family == Family.BINOMIAL ? 1 / (1 + Math.exp(-s)) : s;
    }
}

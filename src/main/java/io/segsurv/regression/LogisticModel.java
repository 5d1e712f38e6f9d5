/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted logistic regression: coefficients and standard errors by feature name (column order),
 * the intercept, Newton iterations, convergence, and whether a ridge penalty had to be used.
 *
 * @param intercept               intercept
 * @param coefficients            coefficient per feature name
 * @param interceptStandardError  standard error of the intercept
 * @param standardErrors          standard error per feature name
 * @param iterations              Newton-Raphson iterations of the returned fit
 * @param converged               whether the returned fit converged
 * @param ridge                   0 for the plain maximum likelihood fit, else the ridge penalty used after separation
 * @param message                 what happened, in words (mentions separation and the ridge when used)
 * @param deviance                residual deviance {@code 2 sum w [y log(y/p) + (1-y) log((1-y)/(1-p))]}
 */
public record LogisticModel(double intercept, Map<String, Double> coefficients, double interceptStandardError,
        Map<String, Double> standardErrors, int iterations, boolean converged, double ridge, String message,
        double deviance) {

    public LogisticModel {
        coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
        standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
    }

    LogisticModel(List<String> names, double[] beta, double[] se, int iterations, boolean converged, double ridge,
            String message, double deviance) {
        this(beta[0], map(names, beta), se[0], map(names, se), iterations, converged, ridge, message, deviance);
    }

    private static Map<String, Double> map(List<String> names, double[] v) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            m.put(names.get(j), v[j + 1]);
        }
        return m;
    }

    /** True if separation was detected and the coefficients are ridge estimates. */
    public boolean ridged() {
        return ridge > 0;
    }

    /** Probability of the outcome y = 1 for one row (values in column order). */
    public double predict(double[] row) {
        if (row.length != coefficients.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, model has " + coefficients.size()
                    + " features");
        }
        double e = intercept;
        int j = 0;
        for (double b : coefficients.values()) {
            e += b * row[j++];
        }
        return 1 / (1 + Math.exp(-e));
    }

    /** Probabilities for every row of x. */
    public double[] predict(double[][] x) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = predict(x[i]);
        }
        return p;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.regression;

/**
 * Response family of a penalised or unpenalised generalised linear model, named as in glmnet.
 */
public enum Family {
    /** Squared-error loss {@code (1/2n) sum w_i (y_i - eta_i)^2}; the paper's Eq. 3 fits it to 0/1 survival. */
    GAUSSIAN,
    /** Logistic loss {@code -(1/n) sum w_i [y_i eta_i - log(1 + e^eta_i)]}, y in [0, 1]. */
    BINOMIAL
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * Steps 2 and 3 of the survival model (METHOD.md section 4; issue 4, algorithms 3-4): LASSO on the
 * medoid features with lambda chosen by cross-validation on the training fold, then unpenalised
 * logistic regression on the selected features. Plain Java (no Spring, jOOQ or Vaadin), API shaped
 * like Smile's: {@code fit(x, y, Options)} returns an immutable result.
 * <ul>
 * <li>{@link io.segsurv.regression.Lasso}: coordinate-descent paths with glmnet's conventions
 * (Friedman, Hastie and Tibshirani, J Stat Softw 33(1), 2010);</li>
 * <li>{@link io.segsurv.regression.LassoCv}: K-fold cross-validation as cv.glmnet (lambda.min, lambda.1se);</li>
 * <li>{@link io.segsurv.regression.LogisticRegression}: Newton-Raphson / IRLS as R's glm, with a ridge
 * fallback under separation.</li>
 * </ul>
 * Reference values: src/test/resources/reference/regression/generate.R (R 4.2.2, glmnet 4.1.6).
 * Paper: S. Baek et al., "Deep segmentation networks predict survival of non-small cell lung
 * cancer", Scientific Reports 9, 17286, 2019.
 */
package io.segsurv.regression;

/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * Evaluation of survival predictions (Baek et al., "Deep segmentation networks predict survival of
 * non-small cell lung cancer", Scientific Reports 9:17286, 2019), plain Java with no statistics
 * library.
 *
 * <ul>
 * <li>Binary endpoints (paper): {@link io.segsurv.evaluation.Roc}, {@link io.segsurv.evaluation.ConfusionMetrics}
 * (accuracy, sensitivity = deaths correctly predicted, specificity), {@link io.segsurv.evaluation.FoldSummary}
 * (mean and t interval across folds).</li>
 * <li>Beyond the paper: {@link io.segsurv.evaluation.DeLong} (AUC variance, CI, paired test),
 * {@link io.segsurv.evaluation.KaplanMeier}, {@link io.segsurv.evaluation.LogRank},
 * {@link io.segsurv.evaluation.CoxPh}, {@link io.segsurv.evaluation.Concordance}.</li>
 * <li>{@link io.segsurv.evaluation.Distributions}: normal, chi-square and Student t functions.</li>
 * </ul>
 * Every method is a static {@code compute} or {@code fit} returning an immutable record; reference
 * values come from R (pROC, survival) via src/test/resources/reference/evaluation/generate.R.
 */
package io.segsurv.evaluation;

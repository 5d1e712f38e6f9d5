/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/**
 * Which end of the score scale points to the positive class. pROC calls these
 * {@code direction = "<"} (controls &lt; cases) and {@code direction = ">"}.
 */
public enum Direction {
    /** Higher scores indicate the positive class (pROC "&lt;"); e.g. a predicted probability of death. */
    HIGHER_IS_POSITIVE,
    /** Lower scores indicate the positive class (pROC "&gt;"); e.g. a predicted probability of survival with death positive. */
    LOWER_IS_POSITIVE
}

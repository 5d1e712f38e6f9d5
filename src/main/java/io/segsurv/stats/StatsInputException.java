/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

/** Input a statistics command cannot use; the message names the file, line, column or setting. */
public class StatsInputException extends RuntimeException {
    public StatsInputException(String message) {
        super(message);
    }
}

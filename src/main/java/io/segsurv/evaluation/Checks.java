/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.evaluation;

/** Input validation shared by the evaluation methods; every message names the bad value. */
final class Checks {
    private Checks() {
    }

    static void sameLength(String a, int na, String b, int nb) {
        if (na != nb) {
            throw new IllegalArgumentException(a + " has " + na + " values but " + b + " has " + nb
                    + "; they must have the same length");
        }
    }

    static void notNull(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    static void finite(double[] v, String name) {
        notNull(v, name);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v[i] + "; all values must be finite");
            }
        }
    }

    static void confidenceLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    /** Times finite and >= 0, status 0 (censored) or 1 (event), same length, not empty. */
    static void survival(double[] time, int[] status) {
        notNull(time, "time");
        notNull(status, "status");
        sameLength("time", time.length, "status", status.length);
        if (time.length == 0) {
            throw new IllegalArgumentException("no observations: time is empty");
        }
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i]) || time[i] < 0) {
                throw new IllegalArgumentException("time[" + i + "] is " + time[i] + "; times must be finite and >= 0");
            }
            if (status[i] != 0 && status[i] != 1) {
                throw new IllegalArgumentException("status[" + i + "] is " + status[i]
                        + "; status must be 1 (event) or 0 (censored)");
            }
        }
    }
}

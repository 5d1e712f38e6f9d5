/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

/**
 * Deterministic UIDs under SegSurv's root: {@code ROOT.<cohort key>.<patient>.<kind>[.<instance>]}.
 * The cohort key is derived from the seed, the CT-only flag and the profile, so the same options
 * always give the same UIDs and different cohorts never collide.
 */
final class Uids {

    static final String ROOT = "1.2.826.0.1.3680043.10.1411";

    private final String prefix;

    Uids(long seed, boolean ctOnly, Profile profile, int patientIndex) {
        long key = (Rng.mix(seed, ctOnly ? 1 : 0, profile.ordinal(), 77) >>> 1) % 1_000_000_000_000_000L;
        this.prefix = ROOT + "." + key + "." + patientIndex;
    }

    String study() {
        return prefix + ".1";
    }

    String frameOfReference() {
        return prefix + ".2";
    }

    String ctSeries() {
        return prefix + ".3";
    }

    String petSeries() {
        return prefix + ".4";
    }

    String ctStructureSeries() {
        return prefix + ".5";
    }

    String petStructureSeries() {
        return prefix + ".6";
    }

    String ctImage(int slice) {
        return prefix + ".7." + (slice + 1);
    }

    String petImage(int slice) {
        return prefix + ".8." + (slice + 1);
    }

    String ctStructureSet() {
        return prefix + ".9";
    }

    String petStructureSet() {
        return prefix + ".10";
    }
}

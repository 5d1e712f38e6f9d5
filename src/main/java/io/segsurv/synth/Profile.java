/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Image geometry of a cohort. The anatomy, tumours and outcomes are the same in every profile;
 * only the sampling grids differ.
 */
enum Profile {

    /** Clinical geometry as in the paper's data: 512 x 512 CT, ~4 mm PET. */
    PAPER("paper", 512, 0.7, 1.0, new double[] {2.0, 2.5, 2.5, 3.0, 3.0}, 350, 400, 0,
            new int[] {144, 168}, 3.9, 4.1, 3.27, 4.0, 4, 2),
    /** Small and fast, for tests: 128 x 128 CT (~3 mm pixels), 40 slices of 5 mm around the tumour, 48 x 48 PET. */
    SMALL("small", 128, 2.9, 3.3, new double[] {5.0}, 0, 0, 40, new int[] {48}, 8.3, 8.8, 6.0, 6.5, 1, 1);

    final String id;
    final int ctMatrix;
    final double ctPixelMin;
    final double ctPixelMax;
    /** CT slice spacing (= thickness) choices, drawn uniformly (repeats weight a choice). */
    final double[] ctSpacings;
    /** Axial coverage (mm) of the CT when it spans the chest; 0 when {@link #ctSlicesAroundTumour} is used. */
    final double ctCoverageMin;
    final double ctCoverageMax;
    /** When positive, the CT has this many slices centred near the tumour instead of covering the chest. */
    final int ctSlicesAroundTumour;
    final int[] petMatrices;
    final double petPixelMin;
    final double petPixelMax;
    final double petSpacingMin;
    final double petSpacingMax;
    /** Sub-sampling of the CT grid when tracing the large organs (lungs, heart) and the small ones. */
    final int organStrideLarge;
    final int organStrideSmall;

    Profile(String id, int ctMatrix, double ctPixelMin, double ctPixelMax, double[] ctSpacings, double ctCoverageMin,
            double ctCoverageMax, int ctSlicesAroundTumour, int[] petMatrices, double petPixelMin, double petPixelMax,
            double petSpacingMin, double petSpacingMax, int organStrideLarge, int organStrideSmall) {
        this.id = id;
        this.ctMatrix = ctMatrix;
        this.ctPixelMin = ctPixelMin;
        this.ctPixelMax = ctPixelMax;
        this.ctSpacings = ctSpacings;
        this.ctCoverageMin = ctCoverageMin;
        this.ctCoverageMax = ctCoverageMax;
        this.ctSlicesAroundTumour = ctSlicesAroundTumour;
        this.petMatrices = petMatrices;
        this.petPixelMin = petPixelMin;
        this.petPixelMax = petPixelMax;
        this.petSpacingMin = petSpacingMin;
        this.petSpacingMax = petSpacingMax;
        this.organStrideLarge = organStrideLarge;
        this.organStrideSmall = organStrideSmall;
    }

    static String names() {
        return Arrays.stream(values()).map(p -> p.id).collect(Collectors.joining(", "));
    }

    /** The profile with this name (case-insensitive); null means "paper". */
    static Profile of(String name) {
        if (name == null || name.isBlank()) {
            return PAPER;
        }
        for (Profile p : values()) {
            if (p.id.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (expected one of: " + names() + ")");
    }
}

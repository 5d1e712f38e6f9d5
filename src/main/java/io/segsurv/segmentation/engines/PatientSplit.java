/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.segmentation.SeededRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The split of the segmentation subset into training and validation cases by patient (the paper:
 * 38 / 22 of 60). The ids are sorted, shuffled with the seed and the first
 * {@code round(n * validationFraction)} (at least one, and at least one left for training) become
 * validation cases; so the split depends on the set of ids and the seed, not on their order.
 */
public record PatientSplit(List<String> training, List<String> validation) {

    /** The paper's validation share, 22 of 60. */
    public static final double PAPER_VALIDATION_FRACTION = 22.0 / 60;

    public PatientSplit {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
        Set<String> seen = new HashSet<>(training);
        for (String v : validation) {
            if (seen.contains(v)) {
                throw new IllegalArgumentException("case " + v + " is in both training and validation");
            }
        }
    }

    public static PatientSplit of(List<String> ids, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be between 0 and 1 (exclusive), got " + validationFraction);
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
        if (sorted.size() != ids.size()) {
            throw new IllegalArgumentException("case ids must be unique");
        }
        if (sorted.size() < 2) {
            throw new IllegalArgumentException("a training/validation split needs at least 2 cases, got " + sorted.size());
        }
        int[] order = new int[sorted.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        new SeededRandom(seed ^ 0x5EB17L).shuffle(order);
        int nValidation = (int) Math.round(sorted.size() * validationFraction);
        nValidation = Math.clamp(nValidation, 1, sorted.size() - 1);
        List<String> validation = new ArrayList<>();
        List<String> training = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            (i < nValidation ? validation : training).add(sorted.get(order[i]));
        }
        return new PatientSplit(training, validation);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import java.util.Arrays;
import java.util.List;

/**
 * One k-medoids clustering of features. Immutable (arrays are copied in and out).
 *
 * @param k number of clusters
 * @param medoids original column index of each medoid feature
 * @param medoidNames names of the medoid features
 * @param assignment cluster (0..k-1, index into {@code medoids}) of every original feature; -1 if dropped
 * @param medoidObjects medoids as indices of {@link PreparedFeatures} objects
 * @param objectAssignment cluster of every prepared object
 * @param loss sum over kept features of weight x (1 - R) to their medoid
 * @param iterations passes (FasterPAM) or rounds (default algorithm)
 * @param swaps medoid swaps performed
 */
public record KMedoidsResult(int k, int[] medoids, List<String> medoidNames, int[] assignment, int[] medoidObjects,
        int[] objectAssignment, double loss, int iterations, long swaps) {

    public KMedoidsResult {
        medoids = medoids.clone();
        medoidNames = List.copyOf(medoidNames);
        assignment = assignment.clone();
        medoidObjects = medoidObjects.clone();
        objectAssignment = objectAssignment.clone();
    }

    static KMedoidsResult of(PreparedFeatures data, int[] medoidObjects, int[] objectAssignment, double loss,
            int iterations, long swaps) {
        int k = medoidObjects.length;
        int[] med = new int[k];
        String[] names = new String[k];
        for (int c = 0; c < k; c++) {
            med[c] = data.feature(medoidObjects[c]);
            names[c] = data.name(medoidObjects[c]);
        }
        int p = data.source().features();
        int[] assignment = new int[p];
        for (int j = 0; j < p; j++) {
            int o = data.objectOf(j);
            assignment[j] = o < 0 ? -1 : objectAssignment[o];
        }
        return new KMedoidsResult(k, med, Arrays.asList(names), assignment, medoidObjects, objectAssignment, loss,
                iterations, swaps);
    }

    @Override
    public int[] medoids() {
        return medoids.clone();
    }

    @Override
    public int[] assignment() {
        return assignment.clone();
    }

    @Override
    public int[] medoidObjects() {
        return medoidObjects.clone();
    }

    @Override
    public int[] objectAssignment() {
        return objectAssignment.clone();
    }

    /** Medoid feature indices, sorted (for comparing medoid sets). */
    public int[] sortedMedoids() {
        int[] s = medoids.clone();
        Arrays.sort(s);
        return s;
    }
}

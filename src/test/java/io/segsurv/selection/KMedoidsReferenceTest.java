/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** FasterPAM and silhouettes against R's cluster::pam(variant = "faster") and cluster::silhouette. */
class KMedoidsReferenceTest {

    static Stream<Reference.Pam> cases() {
        return Reference.pam().stream();
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("cases")
    void fasterPamReachesRsLossAndMedoidsFromTheSameStart(Reference.Pam ref) {
        PreparedFeatures data = Reference.data(ref.set()).prepare();
        KMedoidsResult fit = FasterPam.fit(data, new FasterPam.Options(ref.k(), 1).withInitialMedoids(ref.init()));
        // R 4.2.2, cluster 2.1.4: pam(as.dist(1 - cor(x)), k, medoids = init, variant = "faster"),
        // loss = sum of 1 - R to the medoid; tolerance 1e-9 relative (summation order only)
        assertThat(fit.loss()).isCloseTo(ref.loss(), within(1e-9 * ref.loss()));
        int[] expected = ref.medoids().clone();
        Arrays.sort(expected);
        assertThat(fit.sortedMedoids()).containsExactly(expected);
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("cases")
    void exactSilhouetteEqualsClusterSilhouette(Reference.Pam ref) {
        PreparedFeatures data = Reference.data(ref.set()).prepare();
        KMedoidsResult fit = FasterPam.fit(data, new FasterPam.Options(ref.k(), 1).withInitialMedoids(ref.init()));
        Silhouette.Widths s = Silhouette.exact(data, fit, 1);
        // R 4.2.2, cluster 2.1.4: summary(silhouette(fit))$avg.width; tolerance 1e-10 absolute
        assertThat(s.average()).isCloseTo(ref.avgSilhouette(), within(1e-10));
        List<Reference.Clustering> rows = Reference.clustering(ref.set(), ref.k());
        double[] per = s.perFeature();
        int[] assign = fit.assignment();
        for (Reference.Clustering r : rows) {
            // cluster::silhouette(fit)[, "sil_width"] per feature; tolerance 1e-10 absolute
            assertThat(per[r.feature()]).as("feature %d", r.feature()).isCloseTo(r.silWidth(), within(1e-10));
            // same partition as R's clustering (labels may be permuted: compare the medoid of the cluster)
            assertThat(fit.medoids()[assign[r.feature()]]).isEqualTo(ref.medoids()[r.cluster()]);
        }
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("cases")
    void medoidSilhouetteEqualsBruteForce(Reference.Pam ref) {
        FeatureMatrix m = Reference.data(ref.set());
        PreparedFeatures data = m.prepare();
        KMedoidsResult fit = FasterPam.fit(data, new FasterPam.Options(ref.k(), 1).withInitialMedoids(ref.init()));
        int[] med = fit.medoids();
        double sum = 0;
        for (int j = 0; j < m.features(); j++) {
            double d1 = Double.POSITIVE_INFINITY;
            double d2 = Double.POSITIVE_INFINITY;
            for (int c : med) {
                double d = 1 - TestData.pearson(m, j, c);
                if (d < d1) {
                    d2 = d1;
                    d1 = d;
                } else if (d < d2) {
                    d2 = d;
                }
            }
            sum += d2 > 0 ? 1 - Math.max(0, d1) / d2 : 0;
        }
        // brute force: two-pass Pearson correlation per pair, s_i = 1 - d1/d2 (Lenssen and Schubert 2022); 1e-12
        assertThat(Silhouette.medoid(data, fit, 1).average()).isCloseTo(sum / m.features(), within(1e-12));
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("cases")
    void alternatingMedoidsIsWithinHalfAPercentOfFasterPam(Reference.Pam ref) {
        PreparedFeatures data = Reference.data(ref.set()).prepare();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 10; r++) { // the restarts MedoidSelection performs by default
            best = Math.min(best, AlternatingMedoids.fit(data,
                    new AlternatingMedoids.Options(ref.k(), MedoidSelection.restartSeed(7, ref.k(), r))).loss());
        }
        // R's FasterPAM loss from the reference start; goal: within 0.5 %
        assertThat(best).isLessThanOrEqualTo(ref.loss() * 1.005);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GroupedMedoidsTest {

    @Test
    void groupCostsAreExactForEveryCandidate() {
        PreparedFeatures data = TestData.groups(15, 1500, 12, 3).prepare();
        try (DistanceKernel kernel = new DistanceKernel(data, 2)) {
            FeatureGroups g = FeatureGroups.build(kernel, 64, 1, 2, 9);
            assertThat(g.groups).isBetween(32, 64);
            int[] members = new int[g.groups];
            for (int o = 0; o < data.objects(); o++) {
                members[g.groupOf[o]]++;
            }
            assertThat(java.util.Arrays.stream(members).min().orElseThrow()).isPositive();
            for (int c = 0; c < g.candidates.length; c += 7) {
                double[] brute = new double[g.groups];
                for (int o = 0; o < data.objects(); o++) {
                    brute[g.groupOf[o]] += data.weight(o) * data.distance(o, g.candidates[c]);
                }
                for (int grp = 0; grp < g.groups; grp++) {
                    // W_g - S_g . u_c equals the sum of the members' distances (1e-9: 1500 terms)
                    assertThat(g.cost[c][grp]).isCloseTo(brute[grp], within(1e-9));
                }
            }
            // the first candidate of every group is its exact medoid: no member has a smaller cost sum
            for (int grp = 0; grp < g.groups; grp += 5) {
                int rep = g.candidates[g.representative[grp]];
                assertThat(g.groupOf[rep]).isEqualTo(grp);
                double repCost = 0;
                double bestCost = Double.POSITIVE_INFINITY;
                for (int o = 0; o < data.objects(); o++) {
                    if (g.groupOf[o] == grp) {
                        double s = 0;
                        for (int q = 0; q < data.objects(); q++) {
                            if (g.groupOf[q] == grp) {
                                s += data.weight(q) * data.distance(q, o);
                            }
                        }
                        bestCost = Math.min(bestCost, s);
                        if (o == rep) {
                            repCost = s;
                        }
                    }
                }
                assertThat(repCost).isCloseTo(bestCost, within(1e-9));
            }
        }
    }

    @Test
    void costMatrixPamMakesTheSameSwapsAsFasterPamOnTheSameStart() {
        PreparedFeatures data = TestData.groups(12, 400, 8, 21).prepare();
        int k = 9;
        int[] start = Initialisation.random(data, k, 5);
        try (DistanceKernel kernel = new DistanceKernel(data, 1)) {
            FasterPam.Instance exact = new FasterPam.Instance(kernel, start);
            exact.run(null, 100);
            int n = data.objects();
            double[][] cost = new double[n][n];
            for (int c = 0; c < n; c++) {
                for (int o = 0; o < n; o++) {
                    cost[c][o] = data.weight(o) * data.distance(o, c);
                }
            }
            CostMatrixPam pam = new CostMatrixPam(cost, start);
            pam.run(100);
            assertThat(pam.medoids).containsExactly(exact.medoids);
            assertThat(pam.swaps).isEqualTo(exact.swaps);
            assertThat(pam.loss()).isCloseTo(exact.loss(), within(1e-9));
        }
    }

    static java.util.List<Reference.Pam> cases() {
        return Reference.pam();
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("cases")
    void defaultIsWithinHalfAPercentOfRsFasterPam(Reference.Pam ref) {
        PreparedFeatures data = Reference.data(ref.set()).prepare();
        KMedoidsResult r = GroupedMedoids.fit(data, new GroupedMedoids.Options(ref.k(), 7).withRestarts(10));
        // every feature its own group here (fewer than 2048): exact FasterPAM from the best of 10 D1 starts
        assertThat(r.loss()).isLessThanOrEqualTo(ref.loss() * 1.005);
    }

    @Test
    void groupedRunsReachNearExactLossAndNeverLoseByRefining() {
        PreparedFeatures data = TestData.groups(20, 6000, 40, 17).prepare();
        int k = 12;
        KMedoidsResult exact = FasterPam.fit(data, new FasterPam.Options(k, 3).withThreads(2));
        GroupedMedoids.Options o = new GroupedMedoids.Options(k, 3).withGroups(256, 1, 2).withThreads(2);
        KMedoidsResult noPolish = GroupedMedoids.fit(data, o.withPolishRounds(0));
        KMedoidsResult polished = GroupedMedoids.fit(data, o);
        assertThat(polished.loss()).isLessThanOrEqualTo(noPolish.loss());
        assertThat(polished.loss()).isLessThanOrEqualTo(exact.loss() * 1.01);
        // the reported loss is the true loss of the reported medoids
        double loss = 0;
        for (int o2 = 0; o2 < data.objects(); o2++) {
            double d = Double.POSITIVE_INFINITY;
            for (int m : polished.medoidObjects()) {
                d = Math.min(d, data.distance(o2, m));
            }
            loss += data.weight(o2) * d;
        }
        assertThat(polished.loss()).isCloseTo(loss, within(1e-8));
        KMedoidsResult oneThread = GroupedMedoids.fit(data, o.withThreads(1));
        assertThat(oneThread.medoids()).containsExactly(polished.medoids());
        assertThat(Double.doubleToLongBits(oneThread.loss())).isEqualTo(Double.doubleToLongBits(polished.loss()));
    }

    @Test
    void invalidOptionsAreNamed() {
        assertThatThrownBy(() -> new GroupedMedoids.Options(1, 0)).hasMessageContaining("k = 1");
        assertThatThrownBy(() -> new GroupedMedoids.Options(5, 0).withGroups(1, 1, 1)).hasMessageContaining("groups >= 2");
        assertThatThrownBy(() -> new CostMatrixPam(new double[][] {{0, 1}, {1, 0}, {1, 1}}, new int[] {1, 1}))
                .hasMessageContaining("candidate 1 repeats");
    }
}

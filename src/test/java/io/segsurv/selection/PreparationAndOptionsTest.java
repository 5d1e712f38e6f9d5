/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Preparation (zero variance, duplicates), determinism across thread counts, option validation. */
class PreparationAndOptionsTest {

    /** data_2 plus a constant and an all-zero column, and duplicates of columns 3 (twice) and 10. */
    private static FeatureMatrix withExtras(FeatureMatrix base) {
        int n = base.patients();
        int p = base.features();
        int[] dup = {3, 3, 10};
        double[] v = new double[n * (p + 2 + dup.length)];
        List<String> names = new ArrayList<>(base.names());
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                v[j * n + i] = base.get(i, j);
            }
        }
        for (int i = 0; i < n; i++) {
            v[p * n + i] = 2.5;
            v[(p + 1) * n + i] = 0;
        }
        names.add("constant");
        names.add("zero");
        for (int d = 0; d < dup.length; d++) {
            for (int i = 0; i < n; i++) {
                v[(p + 2 + d) * n + i] = base.get(i, dup[d]);
            }
            names.add("dup" + d + "_of_" + base.name(dup[d]));
        }
        return FeatureMatrix.ofFeatureMajor(n, v, names);
    }

    @Test
    void zeroVarianceFeaturesAreDroppedAndDuplicatesMerged() {
        FeatureMatrix base = Reference.data(2);
        PreparedFeatures plain = base.prepare();
        PreparedFeatures extra = withExtras(base).prepare();
        assertThat(extra.droppedZeroVariance()).containsExactly("constant", "zero");
        assertThat(extra.mergedDuplicates()).isEqualTo(3);
        assertThat(extra.duplicateGroups()).containsExactly(
                List.of(base.name(3), "dup0_of_" + base.name(3), "dup1_of_" + base.name(3)),
                List.of(base.name(10), "dup2_of_" + base.name(10)));
        assertThat(extra.objects()).isEqualTo(plain.objects());
        assertThat(extra.totalWeight()).isEqualTo(plain.objects() + 3);

        // the weighted clustering equals FasterPAM on the expanded (unmerged) data: same medoids, same loss
        int[] init = {5, 20, 33, 47, 60};
        KMedoidsResult merged = FasterPam.fit(extra, new FasterPam.Options(5, 1).withInitialMedoids(init));
        PreparedFeatures unmerged = expandedWithoutMerging(withExtras(base));
        KMedoidsResult expanded = FasterPam.fit(unmerged, new FasterPam.Options(5, 1).withInitialMedoids(init));
        // same objective evaluated on the same features; tolerance 1e-12 relative (summation order)
        assertThat(merged.loss()).isCloseTo(expanded.loss(), within(1e-12 * expanded.loss()));
        assertThat(merged.medoidNames()).containsExactlyInAnyOrderElementsOf(expanded.medoidNames());
        int[] a = merged.assignment();
        int p = base.features();
        assertThat(a[p]).isEqualTo(-1);
        assertThat(a[p + 1]).isEqualTo(-1);
        assertThat(a[p + 2]).isEqualTo(a[3]);
        assertThat(a[p + 3]).isEqualTo(a[3]);
        assertThat(a[p + 4]).isEqualTo(a[10]);
        // the loss is the sum over all kept features of 1 - R to their medoid
        FeatureMatrix m = withExtras(base);
        double loss = 0;
        for (int j = 0; j < m.features(); j++) {
            if (a[j] >= 0) {
                loss += 1 - TestData.pearson(m, j, merged.medoids()[a[j]]);
            }
        }
        assertThat(merged.loss()).isCloseTo(loss, within(1e-12 * loss));
    }

    /** The same features with duplicates made distinct in the last bit, so that no merging happens. */
    private static PreparedFeatures expandedWithoutMerging(FeatureMatrix m) {
        int n = m.patients();
        double[] v = new double[n * m.features()];
        for (int j = 0; j < m.features(); j++) {
            for (int i = 0; i < n; i++) {
                v[j * n + i] = m.get(i, j);
            }
        }
        PreparedFeatures p = FeatureMatrix.ofFeatureMajor(n, v, m.names()).prepare();
        // duplicates are merged whatever we do with identical values; compare against a weight-1 copy
        // built by hand instead: objects 0..size-1 with unit weights, duplicates as separate objects
        int size = (int) Math.round(p.totalWeight());
        double[] unit = new double[n * size];
        double[] w = new double[size];
        int[] feature = new int[size];
        int[] objectOf = new int[m.features()];
        java.util.Arrays.fill(objectOf, -1);
        int o = 0;
        for (int j = 0; j < m.features(); j++) {
            int src = p.objectOf(j);
            if (src < 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                unit[i * size + o] = p.unit[i * p.objects + src];
            }
            w[o] = 1;
            feature[o] = j;
            objectOf[j] = o;
            o++;
        }
        return new PreparedFeatures(m, n, size, unit, w, feature, objectOf, p.droppedZeroVariance(), List.of());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        PreparedFeatures data = TestData.groups(20, 3000, 25, 99).prepare(); // 6 kernel tiles
        for (MedoidSelection.Algorithm alg : MedoidSelection.Algorithm.values()) {
            MedoidSelection.Options o = new MedoidSelection.Options(2, 5, 3, 42, alg,
                    MedoidSelection.Criterion.EXACT_SILHOUETTE, 1);
            MedoidSelection.Result one = MedoidSelection.fit(data, o);
            MedoidSelection.Result two = MedoidSelection.fit(data, o.withThreads(2));
            assertThat(two.chosen().k()).isEqualTo(one.chosen().k());
            for (int i = 0; i < one.perK().size(); i++) {
                MedoidSelection.PerK x = one.perK().get(i);
                MedoidSelection.PerK y = two.perK().get(i);
                assertThat(y.best().medoids()).containsExactly(x.best().medoids());
                assertThat(y.best().assignment()).containsExactly(x.best().assignment());
                assertThat(Double.doubleToLongBits(y.best().loss())).isEqualTo(Double.doubleToLongBits(x.best().loss()));
                assertThat(y.restartLosses()).containsExactly(x.restartLosses());
                assertThat(y.exactSilhouette()).isEqualTo(x.exactSilhouette());
                assertThat(y.medoidSilhouette()).isEqualTo(x.medoidSilhouette());
            }
        }
    }

    @Test
    void fasterPamWithTheDistanceRowCacheEqualsTheOnTheFlyRun() {
        PreparedFeatures data = TestData.groups(20, 3000, 25, 5).prepare();
        FasterPam.Options o = new FasterPam.Options(12, 3).withThreads(2);
        KMedoidsResult onTheFly = FasterPam.fit(data, o.withCacheBytes(0));
        KMedoidsResult cached = FasterPam.fit(data, o.withCacheBytes(Long.MAX_VALUE));
        assertThat(cached.medoids()).containsExactly(onTheFly.medoids());
        assertThat(cached.assignment()).containsExactly(onTheFly.assignment());
        assertThat(Double.doubleToLongBits(cached.loss())).isEqualTo(Double.doubleToLongBits(onTheFly.loss()));
        assertThat(cached.swaps()).isEqualTo(onTheFly.swaps());
    }

    @Test
    void selectionReportsBothSilhouettesAndChoosesTheBest() {
        MedoidSelection.Result r = MedoidSelection.fit(Reference.data(3), new MedoidSelection.Options(2, 9, 42));
        assertThat(r.perK()).hasSize(8);
        double best = r.perK().stream().mapToDouble(MedoidSelection.PerK::exactSilhouette).max().orElseThrow();
        assertThat(r.chosen().exactSilhouette()).isEqualTo(best);
        assertThat(r.medoidNames()).hasSize(r.chosen().k());
        assertThat(r.perK()).allSatisfy(e -> assertThat(e.medoidSilhouette()).isBetween(-1.0, 1.0));
    }

    @Test
    void invalidOptionsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new FasterPam.Options(1, 0)).hasMessageContaining("k = 1");
        assertThatThrownBy(() -> new AlternatingMedoids.Options(0, 0)).hasMessageContaining("k = 0");
        assertThatThrownBy(() -> new MedoidSelection.Options(2, 5, 0, 1, MedoidSelection.Algorithm.ALTERNATING,
                MedoidSelection.Criterion.EXACT_SILHOUETTE, 1)).hasMessageContaining("restarts = 0");
        assertThatThrownBy(() -> new MedoidSelection.Options(1, 5, 1)).hasMessageContaining("kMin = 1");
        PreparedFeatures small = Reference.data(1).prepare();
        assertThatThrownBy(() -> FasterPam.fit(small, new FasterPam.Options(41, 0)))
                .hasMessageContaining("k = 41").hasMessageContaining("(40 ");
        assertThatThrownBy(() -> MedoidSelection.fit(small, new MedoidSelection.Options(2, 50, 1)))
                .hasMessageContaining("k = 50");
        assertThatThrownBy(() -> new FasterPam.Options(2, 0).withInitialMedoids(3, 3)).hasMessageContaining("[3, 3]");
        double[][] rows = {{1, 2}, {3, Double.NaN}, {4, 5}};
        assertThatThrownBy(() -> FeatureMatrix.ofRows(rows, List.of("a", "suvmax")))
                .hasMessageContaining("'suvmax'").hasMessageContaining("NaN").hasMessageContaining("row 1");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.segmentation.networks.BottleneckFeatures.Modality;
import io.segsurv.segmentation.networks.BottleneckFeatures.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class BottleneckFeaturesTest {

    private final BottleneckFeatures paper = BottleneckFeatures.of(UNetConfig.PAPER);

    @Test
    void everyIndexRoundTripsThroughPositionAndName() {
        assertThat(paper.count()).isEqualTo(55_296);
        for (int i = 0; i < paper.count(); i++) {
            Position p = paper.position(i);
            assertThat(paper.index(p.channel(), p.z(), p.y(), p.x())).isEqualTo(i);
            assertThat(paper.index(Modality.CT, paper.name(Modality.CT, i))).isEqualTo(i);
            assertThat(paper.index(Modality.PET, paper.name(Modality.PET, i))).isEqualTo(i);
        }
    }

    @Test
    void xIsFastestThenYThenZThenChannel() {
        // bottleneck grid 6 x 6 x 3 (x, y, z), 512 channels
        assertThat(paper.position(0)).isEqualTo(new Position(0, 0, 0, 0));
        assertThat(paper.position(1)).isEqualTo(new Position(0, 0, 0, 1));
        assertThat(paper.position(6)).isEqualTo(new Position(0, 0, 1, 0));
        assertThat(paper.position(36)).isEqualTo(new Position(0, 1, 0, 0));
        assertThat(paper.position(108)).isEqualTo(new Position(1, 0, 0, 0));
        assertThat(paper.position(55_295)).isEqualTo(new Position(511, 2, 5, 5));
        // 37399 = 346 * 108 + 0 * 36 + 5 * 6 + 1
        assertThat(paper.position(37_399)).isEqualTo(new Position(346, 0, 5, 1));
    }

    @Test
    void namesFollowThePaper() {
        assertThat(paper.name(Modality.CT, 0)).isEqualTo("C00000");
        assertThat(paper.name(Modality.CT, 55_295)).isEqualTo("C55295");
        assertThat(paper.name(Modality.PET, 47_258)).isEqualTo("P47258");
        List<String> names = paper.names(Modality.PET);
        assertThat(names).hasSize(55_296).startsWith("P00000", "P00001").endsWith("P55295");
        assertThat(paper.factor()).isEqualTo(16);
    }

    @Test
    void largerBottlenecksGetMoreDigits() {
        BottleneckFeatures big = new BottleneckFeatures(1024, 6, 6, 3, 16); // 110,592 features
        assertThat(big.name(Modality.CT, 7)).isEqualTo("C000007");
        assertThat(new BottleneckFeatures(2, 2, 2, 1, 2).name(Modality.CT, 7)).isEqualTo("C00007");
    }

    @Test
    void badNamesAndIndicesAreRejected() {
        assertThatThrownBy(() -> paper.index(Modality.CT, "P00001")).hasMessageContaining("not a CT feature name");
        assertThatThrownBy(() -> paper.index(Modality.CT, "C1")).hasMessageContaining("not a CT feature name");
        assertThatThrownBy(() -> paper.index(Modality.CT, "C9999x")).hasMessageContaining("not a CT feature name");
        assertThatThrownBy(() -> paper.index(Modality.CT, "C55296")).hasMessageContaining("outside [0, 55296)");
        assertThatThrownBy(() -> paper.position(-1)).hasMessageContaining("outside");
        assertThatThrownBy(() -> paper.index(512, 0, 0, 0)).hasMessageContaining("channel 512");
        assertThatThrownBy(() -> paper.index(0, 3, 0, 0)).hasMessageContaining("z 3");
    }
}

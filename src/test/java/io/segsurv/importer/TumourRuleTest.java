/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TumourRuleTest {

    @Test
    void choosesTheGtvAmongTheStructuresOfARealStructureSet() {
        List<String> nsclcRadiomics = List.of("GTV-1", "Lung-Left", "Lung-Right", "Heart", "Esophagus", "Spinal-Cord");
        assertThat(TumourRule.choose(TumourRule.DEFAULT.ct(), nsclcRadiomics).name()).isEqualTo("GTV-1");
        assertThat(TumourRule.choose(TumourRule.DEFAULT.ct(), List.of("gtv", "Lung")).name()).isEqualTo("gtv");
        assertThat(TumourRule.choose(TumourRule.DEFAULT.pet(), List.of("GTV-1", "GTV_PET")).name()).isEqualTo("GTV_PET");
    }

    @Test
    void reportsAmbiguousAndMissingChoices() {
        TumourRule.Choice ambiguous = TumourRule.choose(TumourRule.DEFAULT.ct(), List.of("GTV1", "GTV-1", "Heart"));
        assertThat(ambiguous.name()).isNull();
        assertThat(ambiguous.problem()).startsWith("ambiguous tumour ROI: [GTV1, GTV-1]");
        TumourRule.Choice missing = TumourRule.choose(TumourRule.DEFAULT.ct(), List.of("Heart", "Lung"));
        assertThat(missing.name()).isNull();
        assertThat(missing.problem()).contains("no tumour ROI matches").contains("[Heart, Lung]");
    }
}

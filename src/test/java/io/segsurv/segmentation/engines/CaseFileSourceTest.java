/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segsurv.imaging.CaseFile;
import io.segsurv.imaging.Grid;
import io.segsurv.imaging.PreprocessedCase;
import io.segsurv.imaging.Vec3;
import io.segsurv.segmentation.networks.BottleneckFeatures.Modality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-processed case files as the trainer's cases: the modality's image and mask, the voxel order kept. */
class CaseFileSourceTest {

    @TempDir
    Path dir;

    private static PreprocessedCase preprocessed(boolean pet) {
        Grid g = Grid.axial(4, 3, 2, new Vec3(0, 0, 0), 1, 1, 1);
        float[] ct = new float[g.size()];
        float[] petValues = new float[g.size()];
        byte[] ctMask = new byte[g.size()];
        byte[] petMask = new byte[g.size()];
        for (int i = 0; i < ct.length; i++) {
            ct[i] = i / 24f;
            petValues[i] = 1 - i / 24f;
            ctMask[i] = (byte) (i % 2);
            petMask[i] = (byte) (i < 5 ? 1 : 0);
        }
        return new PreprocessedCase(g, ct, pet ? petValues : null, ctMask, pet ? petMask : null, new Vec3(1, 2, 3), 0.5,
                pet ? 0.4 : Double.NaN, pet ? 7 : Double.NaN, pet ? 3 : Double.NaN, List.of());
    }

    @Test
    void readsTheModalityOfEachCase() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("P002", dir.resolve("b" + CaseFile.EXTENSION));
        files.put("P001", dir.resolve("a" + CaseFile.EXTENSION));
        CaseFile.write(preprocessed(true), files.get("P002"));
        CaseFile.write(preprocessed(false), files.get("P001"));

        CaseFileSource ct = new CaseFileSource(files, Modality.CT);
        assertThat(ct.ids()).containsExactly("P002", "P001");
        TrainingCase c = ct.load("P001");
        assertThat(c.id()).isEqualTo("P001");
        assertThat(c.image()).containsExactly(preprocessed(false).ct());
        assertThat(c.mask()[1]).isEqualTo(1f);
        assertThat(c.mask()[2]).isEqualTo(0f);

        TrainingCase p = new CaseFileSource(files, Modality.PET).load("P002");
        assertThat(p.image()).containsExactly(preprocessed(true).pet());
        assertThat(p.mask()[4]).isEqualTo(1f);
        assertThat(p.mask()[5]).isEqualTo(0f);

        assertThatThrownBy(() -> new CaseFileSource(files, Modality.PET).load("P001")).isInstanceOf(IOException.class)
                .hasMessageContaining("has no PET");
        assertThatThrownBy(() -> ct.load("P999")).hasMessageContaining("no case file for P999");
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.segsurv.segmentation.TestVolumes;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationModelTest {

    private static final UNetConfig CONFIG = new UNetConfig(16, 16, 8, 1, List.of(4, 8, 16), true);

    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveIdenticalOutputs() throws IOException {
        Path file = dir.resolve("m.safetensors");
        List<float[]> images = TestVolumes.gaussianImages(2, CONFIG.voxels(), 3);
        SegmentationInferer.Output before;
        try (SegmentationModel m = SegmentationModel.create(CONFIG, Device.cpu(), 42)) {
            before = new SegmentationInferer(m).forward(images, 2);
            m.save(file, Map.of("seed", "42", "cases", "a,b"));
        }
        try (SegmentationModel loaded = SegmentationModel.load(file, Device.cpu())) {
            assertThat(loaded.config()).isEqualTo(CONFIG);
            SegmentationInferer.Output after = new SegmentationInferer(loaded).forward(images, 2);
            for (int i = 0; i < images.size(); i++) {
                assertThat(after.logits().get(i)).containsExactly(before.logits().get(i));
                assertThat(after.probabilities().get(i)).containsExactly(before.probabilities().get(i));
            }
        }
        WeightFile.Contents c = WeightFile.read(file);
        assertThat(c.metadata()).containsEntry("format", "segsurv-unet3d").containsEntry("format_version", "1")
                .containsEntry("seed", "42").containsEntry("cases", "a,b");
        assertThat(c.tensors().keySet()).startsWith("enc0.conv1.weight", "enc0.norm1.weight", "enc0.norm1.bias",
                "enc0.norm1.running_mean", "enc0.norm1.running_var", "enc0.conv2.weight").endsWith("head.weight", "head.bias");
        assertThat(c.tensor("up1.weight").shape()).containsExactly(8 * 8, 16, 1, 1, 1);
        assertThat(c.tensor("up1.bias").shape()).containsExactly(8);
    }

    @Test
    void initialWeightsDependOnTheSeedOnly() {
        try (SegmentationModel a = SegmentationModel.create(CONFIG, Device.cpu(), 1);
                SegmentationModel b = SegmentationModel.create(CONFIG, Device.cpu(), 1);
                SegmentationModel c = SegmentationModel.create(CONFIG, Device.cpu(), 2)) {
            float[] wa = a.weights().getFirst().data();
            assertThat(b.weights().getFirst().data()).containsExactly(wa);
            assertThat(c.weights().getFirst().data()).isNotEqualTo(wa);
            // He initialisation of the first convolution: std sqrt(2 / 27)
            double sumSq = 0;
            for (float v : wa) {
                sumSq += v * v;
            }
            assertThat(Math.sqrt(sumSq / wa.length)).isBetween(0.5 * Math.sqrt(2 / 27.0), 1.5 * Math.sqrt(2 / 27.0));
        }
    }

    @Test
    void weightsOfAnotherNetworkOrFormatAreRejected() throws IOException {
        Path file = dir.resolve("m.safetensors");
        try (SegmentationModel m = SegmentationModel.create(CONFIG, Device.cpu(), 1)) {
            m.save(file, Map.of());
            assertThatThrownBy(() -> m.save(dir.resolve("x"), Map.of("config", "{}"))).hasMessageContaining("reserved");
        }
        try (SegmentationModel other = SegmentationModel.create(new UNetConfig(16, 16, 8, 1, List.of(4, 8, 16), false),
                Device.cpu(), 1)) {
            assertThatThrownBy(() -> other.setWeights(WeightFile.read(file))).hasMessageContaining("do not belong to");
        }
        try (SegmentationModel wider = SegmentationModel.create(new UNetConfig(16, 16, 8, 1, List.of(4, 8, 32), true),
                Device.cpu(), 1)) {
            assertThatThrownBy(() -> wider.setWeights(WeightFile.read(file))).hasMessageContaining("has shape");
        }
        Path foreign = dir.resolve("f.safetensors");
        WeightFile.write(foreign, Map.of("format", "something-else"), List.of());
        assertThatThrownBy(() -> SegmentationModel.load(foreign, Device.cpu())).hasMessageContaining("not a U-Net weight file");
    }

    @Test
    void unknownDevicesAreRejected() {
        assertThat(Devices.of("cpu")).isEqualTo(Device.cpu());
        assertThat(Devices.of(null)).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> Devices.of("tpu")).hasMessageContaining("unknown device 'tpu'");
        assertThatThrownBy(() -> Devices.of("gpu:7")).hasMessageContaining("-Pcuda");
    }
}

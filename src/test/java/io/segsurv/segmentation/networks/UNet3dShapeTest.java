/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.segsurv.segmentation.TestVolumes;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shapes through the 3D U-Net for several configurations (table-driven, MONAI style), and its validation. */
class UNet3dShapeTest {

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("2 levels, 16x16x8, base 4", UNet3d.builder().optInputSize(16, 16, 8).optLevels(2).optBaseChannels(4), 1),
                Arguments.of("3 levels, batch norm, batch 2", UNet3d.builder().optInputSize(32, 32, 16).optLevels(3)
                        .optBaseChannels(4).optBatchNorm(true), 2),
                Arguments.of("5 levels, 32x32x16, base 2", UNet3d.builder().optInputSize(32, 32, 16).optBaseChannels(2), 1),
                Arguments.of("4 levels, 48x48x24, base 8, batch norm", UNet3d.builder().optInputSize(48, 48, 24).optLevels(4)
                        .optBaseChannels(8).optBatchNorm(true), 1),
                Arguments.of("anisotropic 24x16x8, explicit channels, 2 input channels, batch 3",
                        UNet3d.builder().optInputSize(24, 16, 8).optChannels(3, 5, 7, 9).optInChannels(2), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void outputAndBottleneckShapes(String name, UNet3d.Builder builder, int batch) {
        UNetConfig c = builder.config();
        try (SegmentationModel model = SegmentationModel.create(c, Device.cpu(), 1);
                NDManager m = model.manager().newSubManager()) {
            List<float[]> images = TestVolumes.gaussianImages(batch, c.inChannels() * c.voxels(), 5);
            NDArray x = model.batch(m, images);
            assertThat(x.getShape()).isEqualTo(new Shape(batch, c.inChannels(), c.nz(), c.ny(), c.nx()));

            NDList out = model.network().forward(model.parameterStore(), new NDList(x), false);
            Shape expected = new Shape(batch, 1, c.nz(), c.ny(), c.nx());
            assertThat(out.get(0).getShape()).isEqualTo(expected);
            assertThat(out.get(1).getShape()).isEqualTo(expected);
            assertThat(model.network().getOutputShapes(new Shape[] {x.getShape()})).containsExactly(expected, expected);
            // probabilities are the sigmoid of the logits
            float[] p = out.get(0).toFloatArray();
            float[] logits = out.get(1).toFloatArray();
            for (int i = 0; i < p.length; i += 97) {
                assertThat((double) p[i]).isCloseTo(1 / (1 + Math.exp(-logits[i])), org.assertj.core.data.Offset.offset(1e-6));
            }

            int deepest = c.levels() - 1;
            NDArray b = model.network().bottleneck(model.parameterStore(), x);
            assertThat(b.getShape()).isEqualTo(new Shape(batch, c.channels(deepest), c.nz() >> deepest, c.ny() >> deepest,
                    c.nx() >> deepest));
            assertThat(b.getShape().size() / batch).isEqualTo(c.bottleneckFeatures())
                    .isEqualTo(BottleneckFeatures.of(c).count());
            assertThat(model.parameterCount()).isEqualTo(expectedParameters(c));
        }
    }

    /** Parameters counted by hand from the architecture: weights, biases or 4 values per normalised channel. */
    private static long expectedParameters(UNetConfig c) {
        long n = 0;
        int in = c.inChannels();
        for (int l = 0; l < c.levels(); l++) {
            n += conv(in, c.channels(l), c.batchNorm()) + conv(c.channels(l), c.channels(l), c.batchNorm());
            in = c.channels(l);
        }
        for (int l = c.levels() - 2; l >= 0; l--) {
            n += 8L * c.channels(l) * c.channels(l + 1) + c.channels(l); // transposed conv 2x2x2 + bias
            n += conv(2 * c.channels(l), c.channels(l), c.batchNorm()) + conv(c.channels(l), c.channels(l), c.batchNorm());
        }
        return n + c.channels(0) + 1;
    }

    private static long conv(int in, int out, boolean norm) {
        return 27L * in * out + (norm ? 4L * out : out);
    }

    @Test
    void defaultsAreThePaperNetwork() {
        UNetConfig c = UNet3d.builder().config();
        assertThat(c).isEqualTo(UNetConfig.PAPER);
        assertThat(c.channels()).containsExactly(32, 64, 128, 256, 512);
        assertThat(new int[] {c.nx(), c.ny(), c.nz()}).containsExactly(96, 96, 48);
        assertThat(c.bottleneckFeatures()).isEqualTo(512 * 6 * 6 * 3).isEqualTo(55_296);
        assertThat(BottleneckFeatures.of(c)).isEqualTo(new BottleneckFeatures(512, 6, 6, 3, 16));
        // 100,321,984,512 multiply-adds, computed by hand per layer (issue 5: "about 100 GMAC")
        assertThat(c.forwardMultiplyAdds()).isEqualTo(100_321_984_512L);
        assertThat(c.trainingStepFlops()).isEqualTo(2 * (3 * 100_321_984_512L - 442_368L * 27 * 32));
    }

    @Test
    void multiplyAddsOfASmallNetworkByHand() {
        // 16x16x8, channels 4, 8: level 0 has 2048 voxels, level 1 256
        long byHand = 2048L * 27 * 1 * 4 + 2048L * 27 * 4 * 4 // enc0
                + 256L * 27 * 4 * 8 + 256L * 27 * 8 * 8 // enc1
                + 256L * 8 * 4 * 8 // up0: 1x1x1 to 8 * 4 channels
                + 2048L * 27 * 8 * 4 + 2048L * 27 * 4 * 4 // dec0
                + 2048L * 4; // head
        assertThat(new UNetConfig(16, 16, 8, 1, List.of(4, 8), false).forwardMultiplyAdds()).isEqualTo(byHand)
                .isEqualTo(4_497_408L);
    }

    @Test
    void paperNetworkGivesTheBottleneckOf55296Features() {
        try (SegmentationModel model = SegmentationModel.create(UNetConfig.PAPER, Device.cpu(), 3)) {
            float[] image = TestVolumes.gaussian(UNetConfig.PAPER.voxels(), 9);
            List<float[]> f = new SegmentationInferer(model).bottleneck(List.of(image), 1);
            assertThat(f).hasSize(1);
            assertThat(f.getFirst()).hasSize(55_296);
            assertThat(model.parameterCount()).isEqualTo(expectedParameters(UNetConfig.PAPER));
        }
    }

    @Test
    void bottleneckArrayOrderIsTheFeatureIndex() {
        UNetConfig c = new UNetConfig(16, 16, 8, 1, List.of(2, 3, 5), false);
        BottleneckFeatures names = BottleneckFeatures.of(c);
        try (SegmentationModel model = SegmentationModel.create(c, Device.cpu(), 2);
                NDManager m = model.manager().newSubManager()) {
            float[] image = TestVolumes.gaussian(c.voxels(), 4);
            NDArray b = model.network().bottleneck(model.parameterStore(), model.batch(m, List.of(image)));
            float[] flat = new SegmentationInferer(model).bottleneck(List.of(image), 1).getFirst();
            for (int i = 0; i < names.count(); i++) {
                BottleneckFeatures.Position p = names.position(i);
                assertThat(flat[i]).isEqualTo(b.getFloat(0, p.channel(), p.z(), p.y(), p.x()));
            }
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> UNet3d.builder().optInputSize(90, 96, 48).build())
                .hasMessageContaining("input size x = 90").hasMessageContaining("2^(levels-1) = 16");
        assertThatThrownBy(() -> UNet3d.builder().optInputSize(96, 96, 40).build())
                .hasMessageContaining("input size z = 40");
        assertThatThrownBy(() -> UNet3d.builder().optLevels(4).optChannels(8, 16, 32).build())
                .hasMessageContaining("levels = 4 but 3 channel values");
        assertThatThrownBy(() -> UNet3d.builder().optBaseChannels(8).optChannels(8, 16, 32).build())
                .hasMessageContaining("either explicit channels");
        assertThatThrownBy(() -> UNet3d.builder().optLevels(1).build()).hasMessageContaining("at least 2 levels");
        assertThatThrownBy(() -> UNet3d.builder().optChannels(8, 0).build()).hasMessageContaining("at least 1 feature channel");
        assertThatThrownBy(() -> UNet3d.builder().optInChannels(0).build()).hasMessageContaining("inChannels");
    }

    @Test
    void aWrongInputShapeIsRejected() {
        UNetConfig c = new UNetConfig(16, 16, 8, 1, List.of(2, 4), false);
        try (SegmentationModel model = SegmentationModel.create(c, Device.cpu(), 1);
                NDManager m = model.manager().newSubManager()) {
            NDArray wrong = m.zeros(new Shape(1, 1, 16, 16, 8)); // x and z swapped
            assertThatThrownBy(() -> model.network().forward(model.parameterStore(), new NDList(wrong), false))
                    .hasMessageContaining("(N, C, D, H, W) = (1, 1, 8, 16, 16)");
            assertThatThrownBy(() -> model.batch(m, List.of(new float[10]))).hasMessageContaining("has 10 values");
        }
    }
}

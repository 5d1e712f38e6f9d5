/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.segsurv.segmentation.PythonTorch;
import io.segsurv.segmentation.SeededRandom;
import io.segsurv.segmentation.TestVolumes;
import io.segsurv.segmentation.inferers.SegmentationInferer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same weights and input through our DJL network and through the same network built in
 * PyTorch from nn.Conv3d, nn.BatchNorm3d and nn.ConvTranspose3d (src/test/python/unet_parity.py,
 * Debian's python3-torch): outputs and bottleneck agree within 1e-4.
 */
class UNetParityTest {

    /** Float32 with different convolution algorithms (oneDNN in 2.5.1, Debian's 1.13 build): differences near 1e-6. */
    private static final double TOLERANCE = 1e-4;

    @BeforeAll
    static void needsTorch() {
        assumeTrue(PythonTorch.available(), "/usr/bin/python3 cannot import torch: apt-get install python3-torch "
                + "(./segsurv test installs it; the parity test runs there)");
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("small, 3 levels, batch norm, batch 2", new UNetConfig(16, 16, 8, 1, List.of(4, 8, 16), true), 2),
                Arguments.of("small, 2 levels, 2 input channels", new UNetConfig(8, 12, 4, 2, List.of(3, 5), false), 1),
                Arguments.of("paper 5 levels 32..512 at 32x32x16", new UNetConfig(32, 32, 16, 1, List.of(32, 64, 128, 256, 512),
                        false), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void outputsAndBottleneckMatchPyTorch(String name, UNetConfig config, int batch, @TempDir Path dir) throws Exception {
        try (SegmentationModel model = SegmentationModel.create(config, Device.cpu(), 11)) {
            if (config.batchNorm()) {
                randomiseNormalisation(model);
            }
            Path weights = dir.resolve("model.safetensors");
            model.save(weights, Map.of());
            List<float[]> images = TestVolumes.gaussianImages(batch, config.inChannels() * config.voxels(), 100);
            float[] input = new float[batch * images.getFirst().length];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(images.get(i), 0, input, i * images.get(i).length, images.get(i).length);
            }
            Path in = dir.resolve("input.safetensors");
            WeightFile.write(in, Map.of(), List.of(new WeightFile.Tensor("input",
                    new long[] {batch, config.inChannels(), config.nz(), config.ny(), config.nx()}, input)));
            Path out = dir.resolve("output.safetensors");
            PythonTorch.run("unet_parity.py", List.of(weights.toString(), in.toString(), out.toString()), 300);
            WeightFile.Contents torch = WeightFile.read(out);

            SegmentationInferer inferer = new SegmentationInferer(model);
            SegmentationInferer.Output ours = inferer.forward(images, batch);
            List<float[]> bottleneck = inferer.bottleneck(images, batch);
            double logitScale = maxAbs(concat(ours.logits()));
            assertThat(logitScale).as("logits are not trivially small").isGreaterThan(0.01);
            assertThat(TestVolumes.maxAbsDiff(concat(ours.logits()), torch.tensor("logits").data())).isLessThan(TOLERANCE);
            assertThat(TestVolumes.maxAbsDiff(concat(ours.probabilities()), torch.tensor("probabilities").data()))
                    .isLessThan(TOLERANCE);
            assertThat(maxAbs(concat(bottleneck))).isGreaterThan(0.01);
            assertThat(TestVolumes.maxAbsDiff(concat(bottleneck), torch.tensor("bottleneck").data())).isLessThan(TOLERANCE);
            assertThat(torch.tensor("bottleneck").shape()).containsExactly(batch, config.channels(config.levels() - 1),
                    config.nz(config.levels() - 1), config.ny(config.levels() - 1), config.nx(config.levels() - 1));
        }
    }

    /** Batch-norm layers with non-trivial scale, shift and running statistics, so evaluation mode is really compared. */
    private static void randomiseNormalisation(SegmentationModel model) {
        SeededRandom r = new SeededRandom(5);
        List<WeightFile.Tensor> tensors = new ArrayList<>();
        for (WeightFile.Tensor t : model.weights()) {
            float[] d = t.data();
            if (t.name().contains(".norm")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.name().endsWith("running_var") ? (float) (0.5 + r.nextDouble()) : (float) (0.2 * r.nextGaussian()
                            + (t.name().endsWith(".weight") ? 1 : 0));
                }
            }
            tensors.add(new WeightFile.Tensor(t.name(), t.shape(), d));
        }
        model.setWeights(new WeightFile.Contents(Map.of(), tensors.stream()
                .collect(Collectors.toMap(WeightFile.Tensor::name, t -> t, (a, b) -> a,
                        java.util.LinkedHashMap::new))));
    }

    private static float[] concat(List<float[]> arrays) {
        int n = arrays.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}

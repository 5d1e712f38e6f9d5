/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a {@link UNet3d}: input size, input channels, feature channels per level and whether
 * each convolution is followed by batch normalisation. Validates itself and says why a setting
 * cannot work.
 *
 * @param nx input size along x (the NDArray's last axis, W)
 * @param ny input size along y (H)
 * @param nz input size along z (D)
 * @param inChannels image channels (1 for one modality)
 * @param channels feature channels of each level, from the full-resolution level down to the
 *     bottleneck; its length is the number of levels
 * @param batchNorm batch normalisation after each 3x3x3 convolution (Ioffe and Szegedy 2015); the
 *     convolutions then have no bias
 */
public record UNetConfig(int nx, int ny, int nz, int inChannels, List<Integer> channels, boolean batchNorm) {

    /** The paper's network: 96 x 96 x 48, one channel, 32, 64, 128, 256, 512 feature channels, no normalisation. */
    public static final UNetConfig PAPER = new UNetConfig(96, 96, 48, 1, List.of(32, 64, 128, 256, 512), false);

    public UNetConfig {
        Objects.requireNonNull(channels, "channels");
        channels = List.copyOf(channels);
        if (channels.size() < 2) {
            throw new IllegalArgumentException("a U-Net needs at least 2 levels (one pooling step), got " + channels.size()
                    + " channel value(s) " + channels);
        }
        if (inChannels < 1) {
            throw new IllegalArgumentException("inChannels must be at least 1, got " + inChannels);
        }
        for (int c : channels) {
            if (c < 1) {
                throw new IllegalArgumentException("every level needs at least 1 feature channel, got " + channels);
            }
        }
        int divisor = 1 << (channels.size() - 1);
        checkSize("x", nx, divisor, channels.size());
        checkSize("y", ny, divisor, channels.size());
        checkSize("z", nz, divisor, channels.size());
    }

    private static void checkSize(String axis, int n, int divisor, int levels) {
        if (n < 1 || n % divisor != 0) {
            throw new IllegalArgumentException("input size " + axis + " = " + n + " must be a positive multiple of 2^(levels-1) = "
                    + divisor + " for " + levels + " levels (each level halves it)");
        }
    }

    /** Number of levels (resolutions), the bottleneck included. */
    public int levels() {
        return channels.size();
    }

    /** Feature channels of level {@code level} (0 = full resolution). */
    public int channels(int level) {
        return channels.get(level);
    }

    /** Voxels of one input channel. */
    public int voxels() {
        return nx * ny * nz;
    }

    /** Input size along x at {@code level}: {@code nx / 2^level}. */
    public int nx(int level) {
        return nx >> level;
    }

    public int ny(int level) {
        return ny >> level;
    }

    public int nz(int level) {
        return nz >> level;
    }

    /** Voxels of one channel at {@code level}. */
    public long voxels(int level) {
        return (long) nx(level) * ny(level) * nz(level);
    }

    /** Number of bottleneck activations per case: channels x z x y x x of the deepest level. */
    public int bottleneckFeatures() {
        return Math.toIntExact(channels(levels() - 1) * voxels(levels() - 1));
    }

    /**
     * Multiply-adds of one forward pass of one case, counted analytically: every convolution
     * (3x3x3, the 1x1x1 up-sampling and the output), none of the element-wise work (ReLU, pooling,
     * normalisation, sigmoid). The paper network has 100.3 G (a training step 601 GFLOP).
     */
    public long forwardMultiplyAdds() {
        long macs = 0;
        int in = inChannels;
        for (int l = 0; l < levels(); l++) {
            macs += conv3x3x3(l, in, channels(l)) + conv3x3x3(l, channels(l), channels(l));
            in = channels(l);
        }
        for (int l = levels() - 2; l >= 0; l--) {
            macs += voxels(l + 1) * 8L * channels(l) * channels(l + 1); // up-sampling, 1x1x1 to 8 * C_out
            macs += conv3x3x3(l, 2 * channels(l), channels(l)) + conv3x3x3(l, channels(l), channels(l));
        }
        return macs + voxels(0) * channels(0); // output 1x1x1 to one channel
    }

    /**
     * Floating-point operations of one training step of one case (2 per multiply-add): the forward
     * pass, the weight gradients (as many multiply-adds again) and the input gradients of every
     * layer but the first, whose input is the image.
     */
    public long trainingStepFlops() {
        long forward = forwardMultiplyAdds();
        long firstLayer = conv3x3x3(0, inChannels, channels(0));
        return 2 * (3 * forward - firstLayer);
    }

    private long conv3x3x3(int level, int in, int out) {
        return voxels(level) * 27L * in * out;
    }

    @Override
    public String toString() {
        return "UNet3d[" + nx + "x" + ny + "x" + nz + ", in=" + inChannels + ", channels=" + channels
                + (batchNorm ? ", batch norm" : "") + "]";
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 3D U-Net of Çiçek et al. ("3D U-Net: learning dense volumetric segmentation from sparse
 * annotation", MICCAI 2016), after Ronneberger et al. ("U-Net: convolutional networks for
 * biomedical image segmentation", MICCAI 2015), as used by Baek et al. 2019 (METHOD.md section 3).
 *
 * <p>Encoder: per level two 3x3x3 convolutions (padding 1) with ReLU ({@link DoubleConv3d}), then
 * 2x2x2 max-pooling with stride 2 down to the next level; the deepest level is the bottleneck.
 * Decoder: per level a learned 2x up-sampling ({@link LearnedUpsampling3d}, exactly a stride-2
 * 2x2x2 transposed convolution), concatenation {@code [skip, upsampled]} along the channels, two
 * 3x3x3 convolutions with ReLU; then a 1x1x1 convolution to one channel.
 *
 * <p>Layout: input {@code (N, C, D, H, W)} with {@code D = z}, {@code H = y}, {@code W = x}: a case's
 * {@code float[]} with index {@code x + nx * (y + ny * z)} is the memory of one channel.
 * {@link #forward} returns {@code [probabilities, logits]}, both {@code (N, 1, D, H, W)}: the
 * probabilities are the sigmoid of the logits, which a numerically stable BCE takes instead.
 */
public final class UNet3d extends AbstractBlock {

    private final UNetConfig config;
    private final List<DoubleConv3d> encoders = new ArrayList<>();
    private final List<LearnedUpsampling3d> upsamplings = new ArrayList<>();
    private final List<DoubleConv3d> decoders = new ArrayList<>();
    private final Conv3d head;

    public UNet3d(UNetConfig config) {
        super((byte) 1);
        this.config = Objects.requireNonNull(config, "config");
        for (int l = 0; l < config.levels(); l++) {
            encoders.add(addChildBlock("enc" + l, new DoubleConv3d(config.channels(l), config.batchNorm())));
        }
        // decoder level l (from levels-2 down to 0) up-samples level l+1 to level l
        for (int l = config.levels() - 2; l >= 0; l--) {
            upsamplings.add(addChildBlock("up" + l, new LearnedUpsampling3d(config.channels(l))));
            decoders.add(addChildBlock("dec" + l, new DoubleConv3d(config.channels(l), config.batchNorm())));
        }
        head = addChildBlock("head", Conv3d.builder().setFilters(1).setKernelShape(new Shape(1, 1, 1)).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public UNetConfig config() {
        return config;
    }

    /** The input shape for a batch of {@code batch} cases. */
    public Shape inputShape(int batch) {
        return new Shape(batch, config.inChannels(), config.nz(), config.ny(), config.nx());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = checkedInput(inputs);
        List<NDArray> skips = new ArrayList<>();
        for (int l = 0; l < encoders.size(); l++) {
            if (l > 0) {
                x = pool(x);
            }
            x = encoders.get(l).forward(ps, new NDList(x), training).singletonOrThrow();
            skips.add(x);
        }
        for (int i = 0; i < decoders.size(); i++) {
            int level = config.levels() - 2 - i;
            NDArray up = upsamplings.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
            NDArray joined = NDArrays.concat(new NDList(skips.get(level), up), 1);
            x = decoders.get(i).forward(ps, new NDList(joined), training).singletonOrThrow();
        }
        NDArray logits = head.forward(ps, new NDList(x), training).singletonOrThrow();
        return new NDList(Activation.sigmoid(logits), logits);
    }

    /**
     * The bottleneck activations, {@code (N, C, D, H, W)} of the deepest level after its second
     * convolution and ReLU, computed without the decoder and in inference mode (batch
     * normalisation with its running statistics).
     */
    public NDArray bottleneck(ParameterStore ps, NDArray input) {
        NDArray x = checkedInput(new NDList(input));
        for (int l = 0; l < encoders.size(); l++) {
            if (l > 0) {
                x = pool(x);
            }
            x = encoders.get(l).forward(ps, new NDList(x), false).singletonOrThrow();
        }
        return x;
    }

    private NDArray checkedInput(NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        Shape expected = inputShape(s.dimension() > 0 ? Math.toIntExact(s.get(0)) : 1);
        if (!s.equals(expected)) {
            throw new IllegalArgumentException("input shape " + s + " does not fit " + config
                    + ": expected (N, C, D, H, W) = " + expected);
        }
        return x;
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool3d(x, new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0), false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        Shape out = new Shape(s.get(0), 1, s.get(2), s.get(3), s.get(4));
        return new Shape[] {out, out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        for (int l = 0; l < encoders.size(); l++) {
            int in = l == 0 ? config.inChannels() : config.channels(l - 1);
            encoders.get(l).initialize(manager, dataType, levelShape(n, in, l));
        }
        for (int i = 0; i < decoders.size(); i++) {
            int level = config.levels() - 2 - i;
            upsamplings.get(i).initialize(manager, dataType, levelShape(n, config.channels(level + 1), level + 1));
            decoders.get(i).initialize(manager, dataType, levelShape(n, 2 * config.channels(level), level));
        }
        head.initialize(manager, dataType, levelShape(n, config.channels(0), 0));
    }

    private Shape levelShape(long batch, int channels, int level) {
        return new Shape(batch, channels, config.nz(level), config.ny(level), config.nx(level));
    }

    /**
     * All parameters by stable name, in the order of the weight file (docs/MODEL_FORMAT.md):
     * {@code enc<l>.conv1.weight}, ..., {@code up<l>.weight}, {@code up<l>.bias},
     * {@code dec<l>.conv1.weight}, ..., {@code head.weight}, {@code head.bias}. Batch-normalisation
     * layers add {@code norm1.weight/bias/running_mean/running_var} after their convolution.
     */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        for (int l = 0; l < encoders.size(); l++) {
            prefixed(p, "enc" + l, encoders.get(l).namedParameters());
        }
        for (int i = 0; i < decoders.size(); i++) {
            int level = config.levels() - 2 - i;
            prefixed(p, "up" + level, upsamplings.get(i).namedParameters());
            prefixed(p, "dec" + level, decoders.get(i).namedParameters());
        }
        DoubleConv3d.convParameters(p, "head", head);
        return Collections.unmodifiableMap(p);
    }

    private static void prefixed(Map<String, Parameter> into, String prefix, Map<String, Parameter> from) {
        from.forEach((name, parameter) -> into.put(prefix + "." + name, parameter));
    }

    /**
     * Builds a {@link UNet3d}; every setting is optional. Defaults: input 96 x 96 x 48 (x, y, z), one
     * input channel, 5 levels, base 32 channels doubling per level (32 ... 512), no normalisation.
     */
    public static final class Builder {
        private int nx = 96;
        private int ny = 96;
        private int nz = 48;
        private int inChannels = 1;
        private Integer levels;
        private Integer baseChannels;
        private List<Integer> channels;
        private boolean batchNorm;

        private Builder() {
        }

        /** Input size in voxels along x, y and z. */
        public Builder optInputSize(int x, int y, int z) {
            nx = x;
            ny = y;
            nz = z;
            return this;
        }

        public Builder optInChannels(int c) {
            inChannels = c;
            return this;
        }

        /** Number of levels, the bottleneck included (default 5). */
        public Builder optLevels(int l) {
            levels = l;
            return this;
        }

        /** Channels of the first level, doubling at each level below (default 32). */
        public Builder optBaseChannels(int c) {
            baseChannels = c;
            return this;
        }

        /** Channels of every level explicitly; their count is the number of levels. */
        public Builder optChannels(int... c) {
            channels = new ArrayList<>();
            for (int v : c) {
                channels.add(v);
            }
            return this;
        }

        public Builder optBatchNorm(boolean b) {
            batchNorm = b;
            return this;
        }

        /** The validated configuration. */
        public UNetConfig config() {
            List<Integer> c = channels;
            if (c != null) {
                if (baseChannels != null) {
                    throw new IllegalArgumentException("give either explicit channels " + c + " or base channels "
                            + baseChannels + ", not both");
                }
                if (levels != null && levels != c.size()) {
                    throw new IllegalArgumentException("levels = " + levels + " but " + c.size() + " channel values were given "
                            + c + ": the channel list needs one value per level");
                }
            } else {
                int l = levels == null ? 5 : levels;
                int base = baseChannels == null ? 32 : baseChannels;
                if (l > 16) {
                    throw new IllegalArgumentException("levels must be at most 16, got " + l);
                }
                c = new ArrayList<>();
                for (int i = 0; i < l; i++) {
                    c.add(base << i);
                }
            }
            return new UNetConfig(nx, ny, nz, inChannels, c, batchNorm);
        }

        public UNet3d build() {
            return new UNet3d(config());
        }
    }
}

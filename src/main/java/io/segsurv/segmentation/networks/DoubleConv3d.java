/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One U-Net level: two 3x3x3 convolutions with padding 1, each followed by (optionally) batch
 * normalisation and a ReLU, as in Çiçek et al. 2016. Input and output are {@code (N, C, D, H, W)}.
 */
final class DoubleConv3d extends AbstractBlock {

    private final Conv3d conv1;
    private final Conv3d conv2;
    private final BatchNorm norm1;
    private final BatchNorm norm2;

    DoubleConv3d(int outChannels, boolean batchNorm) {
        super((byte) 1);
        conv1 = addChildBlock("conv1", conv(outChannels, !batchNorm));
        norm1 = batchNorm ? addChildBlock("norm1", BatchNorm.builder().optAxis(1).build()) : null;
        conv2 = addChildBlock("conv2", conv(outChannels, !batchNorm));
        norm2 = batchNorm ? addChildBlock("norm2", BatchNorm.builder().optAxis(1).build()) : null;
    }

    private static Conv3d conv(int filters, boolean bias) {
        return Conv3d.builder().setFilters(filters).setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
                .optBias(bias).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = layer(ps, conv1, norm1, inputs.singletonOrThrow(), training);
        return new NDList(layer(ps, conv2, norm2, x, training));
    }

    private static NDArray layer(ParameterStore ps, Conv3d conv, BatchNorm norm, NDArray x, boolean training) {
        NDArray y = conv.forward(ps, new NDList(x), training).singletonOrThrow();
        if (norm != null) {
            y = norm.forward(ps, new NDList(y), training).singletonOrThrow();
        }
        return Activation.relu(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputs));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        conv1.initialize(manager, dataType, s);
        s = conv1.getOutputShapes(s);
        if (norm1 != null) {
            norm1.initialize(manager, dataType, s);
        }
        conv2.initialize(manager, dataType, s);
        if (norm2 != null) {
            norm2.initialize(manager, dataType, conv2.getOutputShapes(s));
        }
    }

    /** Parameters by stable name ({@code conv1.weight}, {@code norm1.running_mean}, ...), in forward order. */
    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        convParameters(p, "conv1", conv1);
        normParameters(p, "norm1", norm1);
        convParameters(p, "conv2", conv2);
        normParameters(p, "norm2", norm2);
        return p;
    }

    static void convParameters(Map<String, Parameter> p, String prefix, Conv3d conv) {
        p.put(prefix + ".weight", conv.getParameters().get("weight"));
        Parameter bias = conv.getParameters().get("bias");
        if (bias != null) {
            p.put(prefix + ".bias", bias);
        }
    }

    private static void normParameters(Map<String, Parameter> p, String prefix, BatchNorm norm) {
        if (norm == null) {
            return;
        }
        p.put(prefix + ".weight", norm.getParameters().get("gamma"));
        p.put(prefix + ".bias", norm.getParameters().get("beta"));
        p.put(prefix + ".running_mean", norm.getParameters().get("runningMean"));
        p.put(prefix + ".running_var", norm.getParameters().get("runningVar"));
    }
}

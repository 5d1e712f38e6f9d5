/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learned 2x up-sampling, exactly a 2x2x2 transposed convolution with stride 2 (DJL has no 3D
 * transposed convolution; STACK.md). With stride equal to kernel the output blocks do not overlap:
 * output voxel {@code (2d+a, 2h+b, 2w+c)} of channel {@code o} is
 * {@code bias[o] + sum_i x[i, d, h, w] * T[i, o, a, b, c]}. That is a 1x1x1 convolution without
 * bias to {@code 8 * C_out} channels, channel {@code k = 8o + 4a + 2b + c} carrying
 * {@code T[., o, a, b, c]}, followed by a reshape to {@code (N, C_out, 2, 2, 2, D, H, W)}, a
 * transpose to {@code (N, C_out, D, 2, H, 2, W, 2)}, a reshape to {@code (N, C_out, 2D, 2H, 2W)} and
 * one bias per output channel. So the weight {@code W[k, i, 0, 0, 0]} of the 1x1x1 convolution is
 * PyTorch's {@code ConvTranspose3d.weight[i, o, a, b, c]} (docs/MODEL_FORMAT.md).
 */
final class LearnedUpsampling3d extends AbstractBlock {

    private final int outChannels;
    private final Conv3d conv;
    private final Parameter bias;

    LearnedUpsampling3d(int outChannels) {
        super((byte) 1);
        this.outChannels = outChannels;
        conv = addChildBlock("conv", Conv3d.builder().setFilters(8 * outChannels).setKernelShape(new Shape(1, 1, 1))
                .optBias(false).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long d = s.get(2);
        long h = s.get(3);
        long w = s.get(4);
        NDArray y = conv.forward(ps, new NDList(x), training).singletonOrThrow()
                .reshape(n, outChannels, 2, 2, 2, d, h, w)
                .transpose(0, 1, 5, 2, 6, 3, 7, 4)
                .reshape(n, outChannels, 2 * d, 2 * h, 2 * w);
        NDArray b = ps.getValue(bias, x.getDevice(), training).reshape(1, outChannels, 1, 1, 1);
        return new NDList(y.add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0), outChannels, 2 * s.get(2), 2 * s.get(3), 2 * s.get(4))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }

    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", conv.getParameters().get("weight"));
        p.put("bias", bias);
        return p;
    }
}

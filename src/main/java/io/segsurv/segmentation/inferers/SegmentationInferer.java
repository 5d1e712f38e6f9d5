/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.inferers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.segsurv.segmentation.networks.BottleneckFeatures;
import io.segsurv.segmentation.networks.GradMode;
import io.segsurv.segmentation.networks.SegmentationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Inference with a trained {@link SegmentationModel}: tumour probabilities and masks, and the
 * bottleneck features (METHOD.md section 3). Runs in evaluation mode (batch normalisation with
 * its running statistics) and records no gradients: the PyTorch engine keeps autograd off outside
 * a gradient collector. Each call works in its own native memory scope, released before it returns.
 *
 * <p>Images are {@code float[]} of {@code inChannels x nz x ny x nx} values, x fastest, as the
 * model's configuration requires.
 */
public final class SegmentationInferer {

    /** The probability above which a voxel counts as tumour. */
    public static final float THRESHOLD = 0.5f;

    private final SegmentationModel model;

    public SegmentationInferer(SegmentationModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Network output for a batch: per image the tumour probabilities and the logits. */
    public record Output(List<float[]> probabilities, List<float[]> logits) {
    }

    /** Probabilities and logits of every image, computed {@code batchSize} images at a time. */
    public Output forward(List<float[]> images, int batchSize) {
        checkBatch(batchSize);
        GradMode.disable();
        List<float[]> p = new ArrayList<>();
        List<float[]> l = new ArrayList<>();
        for (int from = 0; from < images.size(); from += batchSize) {
            List<float[]> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            try (NDManager step = model.manager().newSubManager()) {
                NDList out = model.network().forward(model.parameterStore(), new NDList(model.batch(step, chunk)), false);
                split(out.get(0), chunk.size(), p);
                split(out.get(1), chunk.size(), l);
            }
        }
        return new Output(p, l);
    }

    /** Tumour probability of every voxel of one image. */
    public float[] probabilities(float[] image) {
        return forward(List.of(image), 1).probabilities().getFirst();
    }

    /** The predicted tumour mask (probability above {@link #THRESHOLD}) of one image, 0/1 per voxel. */
    public byte[] mask(float[] image) {
        float[] p = probabilities(image);
        byte[] mask = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            mask[i] = p[i] > THRESHOLD ? (byte) 1 : 0;
        }
        return mask;
    }

    /**
     * The bottleneck activations of every image ({@link BottleneckFeatures} order: 55,296 values
     * for the paper network), computed {@code batchSize} images at a time without the decoder.
     */
    public List<float[]> bottleneck(List<float[]> images, int batchSize) {
        checkBatch(batchSize);
        GradMode.disable();
        List<float[]> features = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<float[]> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            try (NDManager step = model.manager().newSubManager()) {
                split(model.network().bottleneck(model.parameterStore(), model.batch(step, chunk)), chunk.size(), features);
            }
        }
        return features;
    }

    /** Names of the bottleneck features of this model. */
    public BottleneckFeatures features() {
        return BottleneckFeatures.of(model.config());
    }

    private static void split(NDArray batch, int n, List<float[]> into) {
        float[] all = batch.toFloatArray();
        int per = all.length / n;
        for (int i = 0; i < n; i++) {
            float[] one = new float[per];
            System.arraycopy(all, i * per, one, 0, per);
            into.add(one);
        }
    }

    private static void checkBatch(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
    }
}

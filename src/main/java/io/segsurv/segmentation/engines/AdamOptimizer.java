/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import io.segsurv.segmentation.networks.GradMode;
import io.segsurv.segmentation.networks.WeightFile;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (D. P. Kingma, J. Ba, "Adam: a method for stochastic optimization", ICLR 2015) over the
 * trainable parameters of a model, with its moment estimates held here so that they can be saved
 * in a checkpoint and restored (DJL's own Adam keeps them private). Per step {@code t}, with
 * gradient {@code g} plus weight decay {@code lambda w} (L2, as torch.optim.Adam):
 * <pre>
 *   m = beta1 m + (1 - beta1) g          v = beta2 v + (1 - beta2) g^2
 *   w = w - (lr / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * and the gradients are zeroed afterwards (PyTorch accumulates them).
 */
public final class AdamOptimizer implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long steps;

    /** Zero moments for every parameter of {@code all} that takes gradients (not the running statistics). */
    public AdamOptimizer(Map<String, Parameter> all, NDManager parent, double beta1, double beta2, double epsilon,
            double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager();
        all.forEach((name, p) -> {
            if (p.requiresGradient()) {
                parameters.put(name, p);
                firstMoments.put(name, manager.zeros(p.getArray().getShape()));
                secondMoments.put(name, manager.zeros(p.getArray().getShape()));
            }
        });
    }

    /** Steps taken so far ({@code t}). */
    public long steps() {
        return steps;
    }

    /** One update of every parameter with its current gradient and step size {@code learningRate}. */
    public void step(double learningRate) {
        steps++;
        double stepSize = learningRate / (1 - Math.pow(beta1, steps));
        double secondCorrection = Math.sqrt(1 - Math.pow(beta2, steps));
        GradMode.disable(); // the update itself is not differentiated (and may run on any thread)
        try (NDScope scope = new NDScope()) {
            parameters.forEach((name, p) -> {
                NDArray w = p.getArray();
                NDArray g = w.getGradient();
                NDArray grad = weightDecay > 0 ? g.add(w.mul(weightDecay)) : g;
                NDArray m = firstMoments.get(name);
                NDArray v = secondMoments.get(name);
                m.muli(beta1).addi(grad.mul(1 - beta1));
                v.muli(beta2).addi(grad.square().muli(1 - beta2));
                NDArray denominator = v.sqrt().divi(secondCorrection).addi(epsilon);
                w.subi(m.div(denominator).muli(stepSize));
                g.subi(g); // zero in place: the wrapper shares the parameter's gradient storage
            });
        }
    }

    /** The moments as tensors {@code m.<name>} and {@code v.<name>}. */
    public List<WeightFile.Tensor> state() {
        List<WeightFile.Tensor> tensors = new ArrayList<>();
        firstMoments.forEach((name, m) -> tensors.add(tensor("m." + name, m)));
        secondMoments.forEach((name, v) -> tensors.add(tensor("v." + name, v)));
        return tensors;
    }

    /** Restores moments written by {@link #state()} and the step count. */
    public void restore(WeightFile.Contents contents, long stepCount) {
        if (contents.tensors().size() != 2 * parameters.size()) {
            throw new IllegalArgumentException("optimizer state has " + contents.tensors().size() + " tensors, expected "
                    + 2 * parameters.size());
        }
        firstMoments.forEach((name, m) -> set(m, contents.tensor("m." + name)));
        secondMoments.forEach((name, v) -> set(v, contents.tensor("v." + name)));
        steps = stepCount;
    }

    private static WeightFile.Tensor tensor(String name, NDArray a) {
        return new WeightFile.Tensor(name, a.getShape().getShape(), a.toFloatArray());
    }

    private static void set(NDArray target, WeightFile.Tensor t) {
        if (!Arrays.equals(target.getShape().getShape(), t.shape())) {
            throw new IllegalArgumentException("optimizer state " + t.name() + " has shape " + Arrays.toString(t.shape())
                    + ", expected " + target.getShape());
        }
        target.set(FloatBuffer.wrap(t.data()));
    }

    @Override
    public void close() {
        manager.close();
    }
}

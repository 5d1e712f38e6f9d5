/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.segsurv.segmentation.SeededRandom;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Seeded initial weights, drawn in Java so that they depend on the seed alone (not on the engine's
 * generator): convolutions followed by a ReLU get He et al.'s normal initialisation
 * ({@code std = sqrt(2 / fan_in)}, "Delving deep into rectifiers", ICCV 2015); the linear
 * up-sampling and output convolutions {@code std = sqrt(1 / fan_in)}; biases 0; batch
 * normalisation scale 1, shift 0, running mean 0, running variance 1.
 */
final class WeightInit {

    private WeightInit() {
    }

    static void initialise(Map<String, Parameter> parameters, long seed) {
        SeededRandom random = new SeededRandom(seed);
        for (var e : parameters.entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue().getArray().getShape();
            float[] values = new float[Math.toIntExact(shape.size())];
            if (name.contains(".norm") && (name.endsWith(".weight") || name.endsWith(".running_var"))) {
                Arrays.fill(values, 1f);
            } else if (name.endsWith(".weight") && shape.dimension() == 5) {
                long fanIn = shape.size() / shape.get(0);
                boolean linear = name.startsWith("up") || name.startsWith("head");
                double std = Math.sqrt((linear ? 1.0 : 2.0) / fanIn);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (std * random.nextGaussian());
                }
            }
            e.getValue().getArray().set(FloatBuffer.wrap(values));
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link UNet3d} with its weights in native memory on one device, and their file form
 * ({@link WeightFile}, docs/MODEL_FORMAT.md). Close it to free the native memory.
 *
 * <p>Metadata written with the weights: {@code format = segsurv-unet3d}, {@code format_version =
 * 1}, {@code config} (the {@link UNetConfig} as JSON) and whatever the caller adds (training case
 * ids, seed, code version, ...).
 */
public final class SegmentationModel implements AutoCloseable {

    public static final String FORMAT = "segsurv-unet3d";
    public static final String FORMAT_VERSION = "1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NDManager manager;
    private final UNet3d network;
    private final ParameterStore parameterStore;
    private final Map<String, Parameter> parameters;

    private SegmentationModel(UNetConfig config, Device device) {
        manager = NDManager.newBaseManager(device);
        try {
            network = new UNet3d(config);
            network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
            parameters = network.namedParameters();
            parameterStore = new ParameterStore(manager, false);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A new network with seeded initial weights ({@link WeightInit}). */
    public static SegmentationModel create(UNetConfig config, Device device, long seed) {
        SegmentationModel m = new SegmentationModel(config, device);
        WeightInit.initialise(m.parameters, seed);
        return m;
    }

    /** A network read from a file written by {@link #save}. */
    public static SegmentationModel load(Path file, Device device) throws IOException {
        WeightFile.Contents contents = WeightFile.read(file);
        SegmentationModel m = new SegmentationModel(config(contents, file), device);
        try {
            m.setWeights(contents);
        } catch (RuntimeException e) {
            m.close();
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return m;
    }

    /** The configuration stored in a weight file's metadata. */
    public static UNetConfig config(WeightFile.Contents contents, Path file) throws IOException {
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + " is not a U-Net weight file (metadata format = " + meta.get("format") + ")");
        }
        if (!FORMAT_VERSION.equals(meta.get("format_version"))) {
            throw new IOException(file + " has format_version " + meta.get("format_version") + "; this build reads "
                    + FORMAT_VERSION);
        }
        try {
            return JSON.readValue(meta.get("config"), UNetConfig.class);
        } catch (RuntimeException e) {
            throw new IOException(file + ": invalid network configuration in the metadata: " + e.getMessage(), e);
        }
    }

    /** The configuration as stored in the metadata ({@code config}). */
    public static String configJson(UNetConfig config) {
        return JSON.writeValueAsString(config);
    }

    public UNetConfig config() {
        return network.config();
    }

    public UNet3d network() {
        return network;
    }

    /** The store to pass to {@link UNet3d#forward}: the parameters are used in place. */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /** The manager that owns the weights; open a sub-manager per step for the activations. */
    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** Parameters by stable name ({@link UNet3d#namedParameters()}). */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Number of weights, running statistics of batch normalisation included. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** A batch {@code (B, C, D, H, W)} on this model's device, owned by {@code m}; every image has C x voxels values. */
    public NDArray batch(NDManager m, List<float[]> images) {
        UNetConfig c = config();
        int per = c.inChannels() * c.voxels();
        float[] all = new float[Math.multiplyExact(per, images.size())];
        for (int i = 0; i < images.size(); i++) {
            float[] image = images.get(i);
            if (image.length != per) {
                throw new IllegalArgumentException("image " + i + " has " + image.length + " values; " + c + " needs "
                        + c.inChannels() + " x " + c.nx() + " x " + c.ny() + " x " + c.nz() + " = " + per);
            }
            System.arraycopy(image, 0, all, i * per, per);
        }
        Shape shape = network.inputShape(images.size());
        return m.create(all, shape).toDevice(device(), false);
    }

    /** The weights as named tensors, in {@link UNet3d#namedParameters()} order. */
    public List<WeightFile.Tensor> weights() {
        List<WeightFile.Tensor> tensors = new ArrayList<>();
        parameters.forEach((name, p) -> tensors.add(
                new WeightFile.Tensor(name, p.getArray().getShape().getShape(), p.getArray().toFloatArray())));
        return tensors;
    }

    /** Replaces every weight; names and shapes must match this network exactly. */
    public void setWeights(WeightFile.Contents contents) {
        Set<String> extra = new HashSet<>(contents.tensors().keySet());
        extra.removeAll(parameters.keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("weights " + extra + " do not belong to " + config());
        }
        parameters.forEach((name, p) -> {
            WeightFile.Tensor t = contents.tensor(name);
            long[] expected = p.getArray().getShape().getShape();
            if (!Arrays.equals(expected, t.shape())) {
                throw new IllegalArgumentException("weight " + name + " has shape " + Arrays.toString(t.shape())
                        + ", the network needs " + Arrays.toString(expected));
            }
            p.getArray().set(FloatBuffer.wrap(t.data()));
        });
    }

    /** Writes the weights with the format metadata, the configuration and {@code extra} (which may not override them). */
    public void save(Path file, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("config", configJson(config()));
        for (var e : extra.entrySet()) {
            if (meta.containsKey(e.getKey())) {
                throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is reserved");
            }
            meta.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()));
        }
        WeightFile.write(file, meta, weights());
    }

    @Override
    public void close() {
        manager.close();
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.networks;

import java.util.ArrayList;
import java.util.List;

/**
 * Names and positions of the bottleneck activations (the paper's features, METHOD.md section 3).
 *
 * <p>The features of one case are the bottleneck {@code (C, D, H, W)} flattened in C order:
 * <pre>
 *   index = ((channel * nz + z) * ny + y) * nx + x
 *   x = index % nx,  y = (index / nx) % ny,  z = (index / (nx * ny)) % nz,  channel = index / (nx * ny * nz)
 * </pre>
 * where {@code nx, ny, nz} is the bottleneck grid (6 x 6 x 3 for the paper network, 512 channels,
 * 55,296 features). A feature is named by its modality letter and its index, zero-padded to five
 * digits (more when there are more features): {@code C00000 ... C55295} for CT, {@code P00000 ...
 * P55295} for PET. So {@code C37399} is channel 346, z 0, y 5, x 1. Bottleneck voxel
 * {@code (z, y, x)} was pooled from the input block {@code [x f, (x+1) f) x [y f, (y+1) f) x
 * [z f, (z+1) f)} with {@code f = 2^(levels-1)} (16 for the paper network; the receptive field of
 * the neuron is larger than that block).
 *
 * @param channels bottleneck channels
 * @param nx bottleneck size along x
 * @param ny bottleneck size along y
 * @param nz bottleneck size along z
 * @param factor input voxels per bottleneck voxel along each axis, {@code 2^(levels-1)}
 */
public record BottleneckFeatures(int channels, int nx, int ny, int nz, int factor) {

    /** Image modality of a network, with its feature-name letter. */
    public enum Modality {
        CT('C'), PET('P');

        private final char letter;

        Modality(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /** One feature's neuron: its channel and its voxel in the bottleneck grid. */
    public record Position(int channel, int z, int y, int x) {
    }

    public BottleneckFeatures {
        if (channels < 1 || nx < 1 || ny < 1 || nz < 1 || factor < 1) {
            throw new IllegalArgumentException("bottleneck dimensions must be positive, got " + channels + " x " + nz + " x "
                    + ny + " x " + nx + " (factor " + factor + ")");
        }
        Math.multiplyExact(Math.multiplyExact(channels, nx), Math.multiplyExact(ny, nz));
    }

    /** The bottleneck of {@code config}. */
    public static BottleneckFeatures of(UNetConfig config) {
        int deepest = config.levels() - 1;
        return new BottleneckFeatures(config.channels(deepest), config.nx(deepest), config.ny(deepest), config.nz(deepest),
                1 << deepest);
    }

    /** Number of features per case and modality. */
    public int count() {
        return channels * nx * ny * nz;
    }

    public int index(int channel, int z, int y, int x) {
        check(channel, channels, "channel");
        check(z, nz, "z");
        check(y, ny, "y");
        check(x, nx, "x");
        return ((channel * nz + z) * ny + y) * nx + x;
    }

    public Position position(int index) {
        check(index, count(), "feature index");
        return new Position(index / (nx * ny * nz), (index / (nx * ny)) % nz, (index / nx) % ny, index % nx);
    }

    /** The feature's name, e.g. {@code C37399}. */
    public String name(Modality modality, int index) {
        check(index, count(), "feature index");
        return modality.letter() + String.format("%0" + digits() + "d", index);
    }

    /** All names of one modality, in index order. */
    public List<String> names(Modality modality) {
        List<String> names = new ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            names.add(name(modality, i));
        }
        return names;
    }

    /** The index of a name made by {@link #name} for {@code modality}. */
    public int index(Modality modality, String name) {
        if (name == null || name.length() != digits() + 1 || name.charAt(0) != modality.letter()) {
            throw new IllegalArgumentException("'" + name + "' is not a " + modality + " feature name (" + modality.letter()
                    + " and " + digits() + " digits)");
        }
        int index;
        try {
            index = Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' is not a " + modality + " feature name", e);
        }
        check(index, count(), "feature index of '" + name + "'");
        return index;
    }

    /** Digits of the number in a name: five for up to 100,000 features. */
    public int digits() {
        return Math.max(5, Integer.toString(count() - 1).length());
    }

    private static void check(int value, int bound, String what) {
        if (value < 0 || value >= bound) {
            throw new IllegalArgumentException(what + " " + value + " is outside [0, " + bound + ")");
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * Scalar voxel values (e.g. CT in HU, PET in SUV or Bq/ml) on a {@link Grid}, laid out as
 * {@code data[i + nx * (j + ny * k)]}.
 *
 * <p>The array is not copied (volumes are large): whoever builds a Volume hands the array over
 * and must not change it afterwards.
 */
public record Volume(Grid grid, float[] data) {

    public Volume {
        Objects.requireNonNull(grid, "Volume grid");
        Objects.requireNonNull(data, "Volume data");
        if (data.length != grid.size()) {
            throw new IllegalArgumentException("Volume data has " + data.length + " values but the grid "
                    + grid.nx() + " x " + grid.ny() + " x " + grid.nz() + " has " + grid.size() + " voxels");
        }
    }

    /** A volume with every voxel set to {@code value}. */
    public static Volume filled(Grid grid, float value) {
        float[] d = new float[grid.size()];
        Arrays.fill(d, value);
        return new Volume(grid, d);
    }

    /** The value of voxel (i, j, k); fails outside the grid. */
    public float value(int i, int j, int k) {
        if (!grid.contains(i, j, k)) {
            throw new IndexOutOfBoundsException("voxel (" + i + ", " + j + ", " + k + ") is outside " + grid);
        }
        return data[grid.index(i, j, k)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Volume v && grid.equals(v.grid) && Arrays.equals(data, v.data);
    }

    @Override
    public int hashCode() {
        return 31 * grid.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Volume[" + grid + "]";
    }
}

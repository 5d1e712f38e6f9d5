/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary mask on a {@link Grid}: {@code data[i + nx * (j + ny * k)]} is 1 inside, 0 outside.
 *
 * <p>The array is not copied (masks of a full CT are large): whoever builds a Mask hands the
 * array over and must not change it afterwards. Every value is checked to be 0 or 1.
 */
public record Mask(Grid grid, byte[] data) {

    public Mask {
        Objects.requireNonNull(grid, "Mask grid");
        Objects.requireNonNull(data, "Mask data");
        if (data.length != grid.size()) {
            throw new IllegalArgumentException("Mask data has " + data.length + " values but the grid "
                    + grid.nx() + " x " + grid.ny() + " x " + grid.nz() + " has " + grid.size() + " voxels");
        }
        int bad = Bytes.firstNonBinary(data);
        if (bad >= 0) {
            throw new IllegalArgumentException("Mask values must be 0 or 1, found " + data[bad] + " at index " + bad);
        }
    }

    /** An all-zero mask. */
    public static Mask empty(Grid grid) {
        return new Mask(grid, new byte[grid.size()]);
    }

    /** Whether voxel (i, j, k) is inside; fails outside the grid. */
    public boolean isSet(int i, int j, int k) {
        if (!grid.contains(i, j, k)) {
            throw new IndexOutOfBoundsException("voxel (" + i + ", " + j + ", " + k + ") is outside " + grid);
        }
        return data[grid.index(i, j, k)] != 0;
    }

    /** Number of voxels inside. */
    public int count() {
        return Bytes.countOnes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && grid.equals(m.grid) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * grid.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Mask[" + grid + "]";
    }
}

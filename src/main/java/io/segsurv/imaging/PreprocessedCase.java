/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One patient's pre-processed input for the segmentation networks, as produced by
 * {@link Preprocessor#run}: everything on one crop grid (by default 96 x 96 x 48 voxels of 1 mm),
 * arrays laid out as {@code i + nx * (j + ny * k)}.
 *
 * <p>Immutable: the arrays are copied in and out.
 *
 * @param grid the crop grid in patient coordinates
 * @param ct CT clipped and scaled to [0, 1]
 * @param pet PET clipped and scaled to [0, 1], or null for a CT-only case
 * @param ctMask the CT tumour mask (0/1)
 * @param petMask the PET tumour mask (0/1), null exactly when {@code pet} is
 * @param gtvCentre centre of mass of the CT tumour mask on the native CT grid (patient mm): the crop's centre
 * @param tumourVolumeCm3 volume of the CT tumour mask on the native CT grid, cm^3
 * @param petVolumeCm3 volume of the PET tumour mask on the native PET grid, cm^3 (NaN without PET)
 * @param suvMax largest SUV inside the PET mask on the native PET grid, before clipping (NaN without PET)
 * @param suvMean mean SUV inside the PET mask on the native PET grid, before clipping (NaN without PET)
 * @param warnings problems met on the way, for the user to review; empty when all was well
 */
public record PreprocessedCase(Grid grid, float[] ct, float[] pet, byte[] ctMask, byte[] petMask, Vec3 gtvCentre,
        double tumourVolumeCm3, double petVolumeCm3, double suvMax, double suvMean, List<String> warnings) {

    public PreprocessedCase {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(gtvCentre, "gtvCentre");
        int n = grid.size();
        ct = checked("ct", ct, n);
        ctMask = checkedMask("ctMask", ctMask, n, grid);
        if ((pet == null) != (petMask == null)) {
            throw new IllegalArgumentException("pet and petMask must be both present or both null");
        }
        if (pet != null) {
            pet = checked("pet", pet, n);
            petMask = checkedMask("petMask", petMask, n, grid);
        }
        if (!(tumourVolumeCm3 >= 0) || !Double.isFinite(tumourVolumeCm3)) {
            throw new IllegalArgumentException("tumourVolumeCm3 must be a finite volume >= 0, got " + tumourVolumeCm3);
        }
        warnings = List.copyOf(warnings);
    }

    private static float[] checked(String name, float[] a, int n) {
        Objects.requireNonNull(a, name);
        if (a.length != n) {
            throw new IllegalArgumentException(name + " has " + a.length + " values, the grid has " + n + " voxels");
        }
        return a.clone();
    }

    private static byte[] checkedMask(String name, byte[] a, int n, Grid grid) {
        Objects.requireNonNull(a, name);
        if (a.length != n) {
            throw new IllegalArgumentException(name + " has " + a.length + " values, the grid has " + n + " voxels");
        }
        return new Mask(grid, a.clone()).data(); // validates 0/1
    }

    /** Whether the case has PET. */
    public boolean hasPet() {
        return pet != null;
    }

    @Override
    public float[] ct() {
        return ct.clone();
    }

    @Override
    public float[] pet() {
        return pet == null ? null : pet.clone();
    }

    @Override
    public byte[] ctMask() {
        return ctMask.clone();
    }

    @Override
    public byte[] petMask() {
        return petMask == null ? null : petMask.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessedCase c && grid.equals(c.grid) && Arrays.equals(ct, c.ct) && Arrays.equals(pet, c.pet)
                && Arrays.equals(ctMask, c.ctMask) && Arrays.equals(petMask, c.petMask) && gtvCentre.equals(c.gtvCentre)
                && Double.compare(tumourVolumeCm3, c.tumourVolumeCm3) == 0 && Double.compare(petVolumeCm3, c.petVolumeCm3) == 0
                && Double.compare(suvMax, c.suvMax) == 0 && Double.compare(suvMean, c.suvMean) == 0
                && warnings.equals(c.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(grid, Arrays.hashCode(ct), Arrays.hashCode(pet), Arrays.hashCode(ctMask), Arrays.hashCode(petMask),
                gtvCentre, tumourVolumeCm3, petVolumeCm3, suvMax, suvMean, warnings);
    }

    @Override
    public String toString() {
        return "PreprocessedCase[" + grid + ", pet=" + hasPet() + ", gtvCentre=" + gtvCentre + ", tumourVolumeCm3="
                + tumourVolumeCm3 + ", suvMax=" + suvMax + ", suvMean=" + suvMean + ", warnings=" + warnings.size() + "]";
    }
}

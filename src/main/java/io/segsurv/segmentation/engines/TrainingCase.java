/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.engines;

import io.segsurv.imaging.PreprocessedCase;
import java.util.Objects;

/**
 * One case for training: an image of one modality at the network's input size and its tumour mask
 * (0/1), both laid out x fastest ({@code x + nx * (y + ny * z)}), and the case id used in the split
 * and the per-case metrics (a pseudonym; never survival data).
 *
 * @param id the case (patient) id
 * @param image {@code inChannels x nz x ny x nx} intensities, typically scaled to [0, 1]
 * @param mask {@code nz x ny x nx} values 0 or 1
 */
public record TrainingCase(String id, float[] image, float[] mask) {

    public TrainingCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        if (id.isBlank()) {
            throw new IllegalArgumentException("case id must not be blank");
        }
        if (mask.length == 0 || image.length % mask.length != 0) {
            throw new IllegalArgumentException("case " + id + ": image has " + image.length + " values, mask " + mask.length
                    + "; the image must hold whole channels of the mask's size");
        }
        for (float v : mask) {
            if (v != 0f && v != 1f) {
                throw new IllegalArgumentException("case " + id + ": mask values must be 0 or 1, found " + v);
            }
        }
    }

    /** The CT image and CT tumour mask of a pre-processed case. */
    public static TrainingCase ct(String id, PreprocessedCase c) {
        return new TrainingCase(id, c.ct(), floats(c.ctMask()));
    }

    /** The PET image and PET tumour mask of a pre-processed case, which must have PET. */
    public static TrainingCase pet(String id, PreprocessedCase c) {
        if (!c.hasPet()) {
            throw new IllegalArgumentException("case " + id + " has no PET");
        }
        return new TrainingCase(id, c.pet(), floats(c.petMask()));
    }

    private static float[] floats(byte[] mask) {
        float[] f = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            f[i] = mask[i];
        }
        return f;
    }
}

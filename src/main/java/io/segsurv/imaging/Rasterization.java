/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ContourRasterizer#rasterize}: the mask and what went wrong on the way.
 *
 * @param mask the voxels whose centres lie inside the ROI
 * @param contoursUsed how many contours were matched to a slice and filled
 * @param warnings one specific message per problem (contour dropped, clipped, ambiguous); empty when all is well
 */
public record Rasterization(Mask mask, int contoursUsed, List<String> warnings) {

    public Rasterization {
        Objects.requireNonNull(mask, "mask");
        warnings = List.copyOf(warnings);
    }
}

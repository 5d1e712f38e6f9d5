/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.util.List;
import java.util.Objects;

/**
 * A region of interest drawn as contours (e.g. one ROI of an RTSTRUCT, the GTV). Inner contours
 * on the same plane are holes: the contours of a plane are combined by the even-odd rule.
 *
 * @param name ROIName (3006,0026), used in messages
 * @param contours its contours, any order; may be empty here (the rasteriser reports that)
 */
public record Roi(String name, List<Contour> contours) {

    public Roi {
        Objects.requireNonNull(name, "Roi name");
        Objects.requireNonNull(contours, "Roi contours");
        contours = List.copyOf(contours);
    }
}

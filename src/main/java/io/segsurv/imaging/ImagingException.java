/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

/**
 * The input data cannot be processed (an empty ROI, a tumour outside the image, a PET series
 * without the fields SUV needs). The message names the problem for the user; programming errors
 * (bad options, mismatched array lengths) are {@link IllegalArgumentException}s instead.
 */
public class ImagingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImagingException(String message) {
        super(message);
    }
}

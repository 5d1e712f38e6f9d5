/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base;

/**
 * Something does not exist or the current user may not see it. Both cases look the same to the
 * caller, so that ids of other projects cannot be probed.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}

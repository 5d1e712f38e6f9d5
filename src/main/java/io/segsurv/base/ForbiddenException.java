/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base;

/** The current user can see the object but their role does not allow this operation. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}

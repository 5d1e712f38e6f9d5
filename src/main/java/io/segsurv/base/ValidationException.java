/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base;

/** Input that cannot be accepted; the message says which value and why. */
public class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }
}

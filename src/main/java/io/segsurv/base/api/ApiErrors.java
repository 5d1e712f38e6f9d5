/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.base.api;

import io.segsurv.base.ForbiddenException;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors of the REST API as {@code {"status": N, "error": "..."}} with a message that names the problem. */
@RestControllerAdvice(basePackages = "io.segsurv")
public class ApiErrors {

    /** Error body of every failed API call. */
    public record ApiError(int status, String error) {
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return of(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ApiError> forbidden(ForbiddenException e) {
        return of(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ApiError> invalid(ValidationException e) {
        return of(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String cause = e.getMostSpecificCause().getMessage();
        String first = cause == null ? "" : cause.lines().findFirst().orElse("");
        return of(HttpStatus.BAD_REQUEST, "Request body is not valid JSON for this endpoint" + (first.isBlank() ? "" : ": " + first));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return of(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'");
    }

    private static ResponseEntity<ApiError> of(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), message));
    }

}

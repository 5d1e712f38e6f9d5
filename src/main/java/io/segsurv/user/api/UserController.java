/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.user.api;

import io.segsurv.base.ForbiddenException;
import io.segsurv.user.User;
import io.segsurv.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping("/me")
    @Operation(summary = "The account the token belongs to")
    User me(@AuthenticationPrincipal UserDetails principal) {
        return users.findByUsername(principal.getUsername()).orElseThrow();
    }

    @GetMapping("/users")
    @Operation(summary = "List accounts (administrators only)")
    List<User> list(@AuthenticationPrincipal UserDetails principal,
                    @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit,
                    @RequestParam(required = false) String filter) {
        requireAdmin(principal);
        return users.list(Math.max(0, offset), Math.clamp(limit, 1, 1000), filter);
    }

    /** Body of POST /users. */
    record NewUser(String username, String displayName, String password, Boolean admin) {
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account (administrators only)")
    User create(@AuthenticationPrincipal UserDetails principal, @RequestBody NewUser body) {
        requireAdmin(principal);
        return users.create(body.username(), body.displayName(), body.password(), Boolean.TRUE.equals(body.admin()));
    }

    private static void requireAdmin(UserDetails principal) {
        if (principal.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            throw new ForbiddenException("Only administrators manage accounts");
        }
    }
}

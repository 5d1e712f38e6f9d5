/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.user;

import static io.segsurv.db.generated.Tables.APP_USER;

import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation, lookup, passwords. Callers check who may do what. */
@Service
@Transactional
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private final DSLContext db;
    private final PasswordEncoder passwordEncoder;

    public UserService(DSLContext db, PasswordEncoder passwordEncoder) {
        this.db = db;
        this.passwordEncoder = passwordEncoder;
    }

    /** Login credentials of an enabled or disabled account, for Spring Security. */
    public record Credentials(User user, String passwordHash) {
    }

    @Transactional(readOnly = true)
    public Optional<Credentials> credentials(String username) {
        return db.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(normalise(username)))
                .fetchOptional(r -> new Credentials(toUser(r), r.getPasswordHash()));
    }

    public User create(String username, String displayName, String password, boolean admin) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new ValidationException("Username '" + username
                    + "' is not valid: use 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        checkPassword(password);
        if (db.fetchExists(APP_USER, APP_USER.USERNAME.eq(name))) {
            throw new ValidationException("Username '" + name + "' is already taken");
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        long id = db.insertInto(APP_USER)
                .set(APP_USER.USERNAME, name)
                .set(APP_USER.DISPLAY_NAME, display)
                .set(APP_USER.PASSWORD_HASH, passwordEncoder.encode(password))
                .set(APP_USER.ADMIN, admin)
                .returning(APP_USER.ID).fetchOne().getId();
        return get(id);
    }

    public void setPassword(long userId, String password) {
        checkPassword(password);
        int n = db.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordEncoder.encode(password))
                .where(APP_USER.ID.eq(userId)).execute();
        if (n == 0) {
            throw new NotFoundException("No user with id " + userId);
        }
    }

    public void setEnabled(long userId, boolean enabled) {
        if (db.update(APP_USER).set(APP_USER.ENABLED, enabled).where(APP_USER.ID.eq(userId)).execute() == 0) {
            throw new NotFoundException("No user with id " + userId);
        }
    }

    public void setAdmin(long userId, boolean admin) {
        if (!admin && get(userId).admin()
                && db.fetchCount(APP_USER, APP_USER.ADMIN.isTrue().and(APP_USER.ENABLED.isTrue())) <= 1) {
            throw new ValidationException("The last enabled admin cannot lose the admin role");
        }
        db.update(APP_USER).set(APP_USER.ADMIN, admin).where(APP_USER.ID.eq(userId)).execute();
    }

    public void recordLogin(long userId) {
        db.update(APP_USER).set(APP_USER.LAST_LOGIN_AT, OffsetDateTime.now()).where(APP_USER.ID.eq(userId)).execute();
    }

    @Transactional(readOnly = true)
    public User get(long id) {
        return db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional(UserService::toUser)
                .orElseThrow(() -> new NotFoundException("No user with id " + id));
    }

    @Transactional(readOnly = true)
    public Optional<User> findByUsername(String username) {
        return db.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(normalise(username))).fetchOptional(UserService::toUser);
    }

    @Transactional(readOnly = true)
    public List<User> list(int offset, int limit, String filter) {
        var q = db.selectFrom(APP_USER);
        var where = filter == null || filter.isBlank() ? APP_USER.ID.isNotNull()
                : APP_USER.USERNAME.containsIgnoreCase(filter.strip()).or(APP_USER.DISPLAY_NAME.containsIgnoreCase(filter.strip()));
        return q.where(where).orderBy(APP_USER.USERNAME).offset(offset).limit(limit).fetch(UserService::toUser);
    }

    @Transactional(readOnly = true)
    public int count(String filter) {
        var where = filter == null || filter.isBlank() ? APP_USER.ID.isNotNull()
                : APP_USER.USERNAME.containsIgnoreCase(filter.strip()).or(APP_USER.DISPLAY_NAME.containsIgnoreCase(filter.strip()));
        return db.fetchCount(APP_USER, where);
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return !db.fetchExists(APP_USER);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationException("Password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static User toUser(Record r) {
        return new User(r.get(APP_USER.ID), r.get(APP_USER.USERNAME), r.get(APP_USER.DISPLAY_NAME), r.get(APP_USER.ADMIN),
                r.get(APP_USER.ENABLED), r.get(APP_USER.CREATED_AT), r.get(APP_USER.LAST_LOGIN_AT));
    }
}

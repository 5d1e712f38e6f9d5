/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.security;

import static io.segsurv.db.generated.Tables.API_TOKEN;
import static io.segsurv.db.generated.Tables.APP_USER;

import io.segsurv.base.Hashing;
import io.segsurv.base.NotFoundException;
import io.segsurv.base.ValidationException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for scripts: {@code Authorization: Bearer ssv_...}. Only a SHA-256 hash of
 * each token is stored; the token itself is returned once, when it is created.
 */
@Service
@Transactional
public class ApiTokenService {

    public static final String PREFIX = "ssv_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;

    public ApiTokenService(DSLContext db) {
        this.db = db;
    }

    /** A newly created token: the secret is in {@code token} and is not stored anywhere. */
    public record Created(ApiToken info, String token) {
    }

    public Created create(long userId, String name, Duration validity) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ValidationException("Token name must have 1-100 characters");
        }
        if (db.fetchExists(API_TOKEN, API_TOKEN.USER_ID.eq(userId).and(API_TOKEN.NAME.eq(name.strip())))) {
            throw new ValidationException("You already have a token named '" + name.strip() + "'");
        }
        byte[] secret = new byte[30];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime expires = validity == null ? null : OffsetDateTime.now().plus(validity);
        long id = db.insertInto(API_TOKEN)
                .set(API_TOKEN.USER_ID, userId)
                .set(API_TOKEN.NAME, name.strip())
                .set(API_TOKEN.TOKEN_PREFIX, token.substring(0, PREFIX.length() + 6))
                .set(API_TOKEN.TOKEN_HASH, sha256(token))
                .set(API_TOKEN.EXPIRES_AT, expires)
                .returning(API_TOKEN.ID).fetchOne().getId();
        return new Created(list(userId).stream().filter(t -> t.id() == id).findFirst().orElseThrow(), token);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> list(long userId) {
        return db.selectFrom(API_TOKEN).where(API_TOKEN.USER_ID.eq(userId)).orderBy(API_TOKEN.CREATED_AT.desc(), API_TOKEN.ID.desc())
                .fetch(r -> new ApiToken(r.getId(), r.getName(), r.getTokenPrefix(), r.getCreatedAt(), r.getExpiresAt(),
                        r.getLastUsedAt(), r.getRevokedAt()));
    }

    public void revoke(long userId, long tokenId) {
        int n = db.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
                .where(API_TOKEN.ID.eq(tokenId).and(API_TOKEN.USER_ID.eq(userId)).and(API_TOKEN.REVOKED_AT.isNull()))
                .execute();
        if (n == 0) {
            throw new NotFoundException("No active token with id " + tokenId);
        }
    }

    /** The enabled account a presented token belongs to, if the token is known, not revoked and not expired. */
    public Optional<SegSurvPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now();
        var row = db.select(API_TOKEN.ID, APP_USER.ID, APP_USER.USERNAME, APP_USER.DISPLAY_NAME, APP_USER.ADMIN)
                .from(API_TOKEN).join(APP_USER).on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .where(API_TOKEN.TOKEN_HASH.eq(sha256(token)))
                .and(API_TOKEN.REVOKED_AT.isNull())
                .and(API_TOKEN.EXPIRES_AT.isNull().or(API_TOKEN.EXPIRES_AT.gt(now)))
                .and(APP_USER.ENABLED.isTrue())
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        db.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, now).where(API_TOKEN.ID.eq(row.value1())).execute();
        return Optional.of(new SegSurvPrincipal(row.value2(), row.value3(), row.value4(), row.value5(), true, null));
    }

    static String sha256(String s) {
        return Hashing.sha256Hex(s);
    }
}

package dev.retain.platform.apikeys;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for scripts and integrations. The token is shown once at creation (and at each rotation); only its SHA-256
 * is stored (a random 256-bit token needs no slow hash), so a leaked database does not leak keys. A key may expire on a
 * day chosen at creation; a rotation gives it a new token and lets the old one work for an overlap, so that the systems
 * using it can be switched over without a gap.
 */
@Service
public class ApiKeys {

    private static final String TOKEN_PREFIX = "rtn_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final String COLUMNS = "id, name, prefix, roles, user_id, created_by, created_at, last_used_at,"
            + " revoked_at, expires_at, rotated_at, previous_token_until";
    /** The longest overlap a rotation may give the old token. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserAccounts users;
    private final Clock clock;
    private final CompanyZone zone;
    private final Duration defaultOverlap;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(
            JdbcClient jdbc,
            AuditLog audit,
            UserAccounts users,
            Clock clock,
            CompanyZone zone,
            @Value("${retain.security.api-keys.rotation-overlap:24h}") Duration defaultOverlap) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.defaultOverlap = defaultOverlap;
    }

    /** A new key (or a rotated one) with its token, which cannot be shown again. */
    public record CreatedApiKey(ApiKey key, String token) {}

    /** Why a token was refused; {@code detail} is what the 401 answer says. */
    public enum Refusal {
        UNKNOWN("The API key is unknown or revoked."),
        EXPIRED("The API key has expired: ask an admin for a new one."),
        ROTATED("The API key was rotated and this token no longer works: use its new token.");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** The key a token belongs to, or why it is refused. */
    public record TokenCheck(ApiKey key, Refusal refusal) {

        static TokenCheck refused(Refusal refusal) {
            return new TokenCheck(null, refusal);
        }

        public boolean accepted() {
            return key != null;
        }
    }

    /** The overlap a rotation gives the old token unless told otherwise ({@code RETAIN_API_KEY_ROTATION_OVERLAP}). */
    public Duration defaultOverlap() {
        return defaultOverlap;
    }

    /** A key for a system integration: it sees every customer. */
    public CreatedApiKey create(String name, Set<Role> roles) {
        return create(name, roles, null, null);
    }

    /** A key acting for the user {@code userId} (null: a system integration) that never expires. */
    public CreatedApiKey create(String name, Set<Role> roles, Long userId) {
        return create(name, roles, userId, null);
    }

    /**
     * A key acting for the user {@code userId} (null: a system integration), within that user's data scope and with no
     * role the user does not have, working through the day {@code expiresOn} in the company's time zone (null: no end).
     *
     * @throws InvalidInputException a blank name, no role, an unknown or disabled user, a role the user lacks, or an
     *     expiry day already past
     */
    @Transactional
    public CreatedApiKey create(String name, Set<Role> roles, Long userId, LocalDate expiresOn) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "at least one role");
        }
        if (userId != null) {
            UserAccount user = users.find(userId);
            if (!user.enabled()) {
                throw new InvalidInputException("userId", "user " + user.username() + " is disabled");
            }
            if (!user.roles().containsAll(roles)) {
                throw new InvalidInputException(
                        "roles", "a key for " + user.username() + " may have only their roles " + user.roles());
            }
        }
        if (expiresOn != null && expiresOn.isBefore(zone.today(clock))) {
            throw new InvalidInputException("expiresOn", "must be today or later");
        }
        Instant expiresAt = expiresOn == null
                ? null
                : expiresOn.plusDays(1).atStartOfDay(zone.zone()).toInstant();
        String token = newToken();
        long id = jdbc.sql("""
                        insert into api_keys (name, prefix, token_hash, roles, user_id, created_by, created_at,
                                              expires_at)
                        values (?, ?, ?, ?::text[], ?, ?, ?, ?) returning id""")
                .params(
                        name.strip(),
                        token.substring(0, 10),
                        sha256(token),
                        roles.stream().map(Role::name).sorted().toArray(String[]::new),
                        userId,
                        AuditLog.currentActor(),
                        Timestamp.from(clock.instant()),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
        ApiKey key = find(id);
        audit.record("create", "api_key", id, null, key);
        return new CreatedApiKey(key, token);
    }

    /**
     * A new token for the key (same name, roles and user); the old one keeps working for {@code overlap} (null: the
     * default), then is refused. A token older than the old one stops at once.
     *
     * @throws ConflictException the key is revoked or expired
     */
    @Transactional
    public CreatedApiKey rotate(long id, Duration overlap) {
        Duration keep = overlap == null ? defaultOverlap : overlap;
        if (keep.isNegative() || keep.compareTo(MAX_OVERLAP) > 0) {
            throw new InvalidInputException("overlapHours", "must be between 0 and " + MAX_OVERLAP.toHours());
        }
        ApiKey before = find(id);
        Instant now = clock.instant();
        if (!before.active()) {
            throw new ConflictException("The API key '" + before.name() + "' is revoked");
        }
        if (before.expiredAt(now)) {
            throw new ConflictException("The API key '" + before.name() + "' has expired: create a new one");
        }
        String token = newToken();
        jdbc.sql("""
                        update api_keys set previous_token_hash = case when ? then token_hash end,
                            previous_token_until = case when ? then ?::timestamptz end,
                            token_hash = ?, prefix = ?, rotated_at = ?
                        where id = ?""")
                .params(
                        !keep.isZero(),
                        !keep.isZero(),
                        Timestamp.from(now.plus(keep)),
                        sha256(token),
                        token.substring(0, 10),
                        Timestamp.from(now),
                        id)
                .update();
        ApiKey after = find(id);
        audit.record("rotate", "api_key", id, before, after);
        return new CreatedApiKey(after, token);
    }

    @Transactional
    public void revoke(long id) {
        ApiKey before = find(id);
        jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        audit.record("revoke", "api_key", id, before, find(id));
    }

    public List<ApiKey> list() {
        return jdbc.sql("select " + COLUMNS + " from api_keys order by created_at desc")
                .query(ApiKeys::map)
                .list();
    }

    public ApiKey find(long id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = ?")
                .param(id)
                .query(ApiKeys::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("API key", id));
    }

    /** The active key with this token, noting when it was last used; empty when refused. */
    public Optional<ApiKey> authenticate(String token) {
        return Optional.ofNullable(check(token).key());
    }

    /**
     * The key with this token — its current one, or the one before a rotation within the overlap — unless revoked or
     * expired; notes when it was last used (to the minute, to spare writes). A refusal says why.
     */
    public TokenCheck check(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return TokenCheck.refused(Refusal.UNKNOWN);
        }
        String hash = sha256(token);
        Optional<Map.Entry<ApiKey, Boolean>> found = jdbc.sql("select " + COLUMNS
                        + ", token_hash = ? as current_token from api_keys"
                        + " where token_hash = ? or previous_token_hash = ?")
                .params(hash, hash, hash)
                .query((rs, row) -> Map.entry(map(rs, row), rs.getBoolean("current_token")))
                .optional();
        if (found.isEmpty() || !found.get().getKey().active()) {
            return TokenCheck.refused(Refusal.UNKNOWN);
        }
        ApiKey key = found.get().getKey();
        Instant now = clock.instant();
        if (key.expiredAt(now)) {
            return TokenCheck.refused(Refusal.EXPIRED);
        }
        boolean current = found.get().getValue();
        if (!current && (key.previousTokenUntil() == null || !now.isBefore(key.previousTokenUntil()))) {
            return TokenCheck.refused(Refusal.ROTATED);
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
            jdbc.sql("update api_keys set last_used_at = ? where id = ?")
                    .params(Timestamp.from(now), key.id())
                    .update();
        }
        return new TokenCheck(key, null);
    }

    private String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        var roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) rs.getArray("roles").getArray())
                .map(Role::valueOf)
                .forEach(roles::add);
        return new ApiKey(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("prefix"),
                roles,
                rs.getObject("user_id", Long.class),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("rotated_at")),
                instant(rs.getTimestamp("previous_token_until")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

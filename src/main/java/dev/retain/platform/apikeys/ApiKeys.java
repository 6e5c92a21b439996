package dev.retain.platform.apikeys;

import dev.retain.platform.AuditLog;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for scripts and integrations. The token is shown once at creation; only its SHA-256 is stored (a random
 * 256-bit token needs no slow hash), so a leaked database does not leak keys.
 */
@Service
public class ApiKeys {

    private static final String TOKEN_PREFIX = "rtn_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final String COLUMNS =
            "id, name, prefix, roles, user_id, created_by, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserAccounts users;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, AuditLog audit, UserAccounts users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new key with its token, which cannot be shown again. */
    public record CreatedApiKey(ApiKey key, String token) {}

    /** A key for a system integration: it sees every customer. */
    public CreatedApiKey create(String name, Set<Role> roles) {
        return create(name, roles, null);
    }

    /**
     * A key acting for the user {@code userId} (null: a system integration), within that user's data scope and with no
     * role the user does not have.
     *
     * @throws InvalidInputException a blank name, no role, an unknown or disabled user, or a role the user lacks
     */
    @Transactional
    public CreatedApiKey create(String name, Set<Role> roles, Long userId) {
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
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                        insert into api_keys (name, prefix, token_hash, roles, user_id, created_by, created_at)
                        values (?, ?, ?, ?::text[], ?, ?, ?) returning id""")
                .params(
                        name.strip(),
                        token.substring(0, 10),
                        sha256(token),
                        roles.stream().map(Role::name).sorted().toArray(String[]::new),
                        userId,
                        AuditLog.currentActor(),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        ApiKey key = find(id);
        audit.record("create", "api_key", id, null, key);
        return new CreatedApiKey(key, token);
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

    /** The active key with this token, noting when it was last used (to the minute, to spare writes). */
    public Optional<ApiKey> authenticate(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<ApiKey> key = jdbc.sql(
                        "select " + COLUMNS + " from api_keys where token_hash = ? and revoked_at is null")
                .param(hash)
                .query(ApiKeys::map)
                .optional();
        key.ifPresent(found -> {
            var now = clock.instant();
            if (found.lastUsedAt() == null || found.lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
                jdbc.sql("update api_keys set last_used_at = ? where id = ?")
                        .params(Timestamp.from(now), found.id())
                        .update();
            }
        });
        return key;
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
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

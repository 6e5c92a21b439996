package dev.retain.platform;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who sign in: created, listed and disabled by an admin; every change is audited. */
@Service
public class UserAccounts {

    /** The password of every user in demo mode, shown on the sign-in page there. */
    public static final String DEMO_PASSWORD = "retain-demo";

    private static final String COLUMNS = "id, username, display_name, email, roles, enabled, created_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an admin fills in to create a user. */
    public record NewUser(String username, String displayName, String email, String password, Set<Role> roles) {}

    public List<UserAccount> list() {
        return jdbc.sql("select " + COLUMNS + " from users order by username")
                .query(UserAccounts::map)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    public UserAccount find(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(UserAccounts::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("User", id));
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?")
                .param(username)
                .query(UserAccounts::map)
                .optional();
    }

    /** Enabled users holding any of the roles, e.g. the possible owners of a customer. */
    public List<UserAccount> withAnyRole(Collection<Role> roles) {
        return list().stream()
                .filter(UserAccount::enabled)
                .filter(user -> user.roles().stream().anyMatch(roles::contains))
                .toList();
    }

    public Map<Long, String> displayNames(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select id, display_name from users where id in (:ids)")
                .param("ids", ids)
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    @Transactional
    public UserAccount create(NewUser user) {
        validate(user);
        var now = Timestamp.from(clock.instant());
        long id;
        try {
            id = jdbc.sql("""
                            insert into users (username, display_name, email, password_hash, roles, enabled,
                                               created_at, updated_at)
                            values (?, ?, ?, ?, ?::text[], true, ?, ?) returning id""")
                    .params(
                            user.username().strip(),
                            user.displayName().strip(),
                            blankToNull(user.email()),
                            passwords.encode(user.password()),
                            roleArray(user.roles()),
                            now,
                            now)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The username '" + user.username().strip() + "' is taken");
        }
        UserAccount created = find(id);
        audit.record("create", "user", id, null, created);
        return created;
    }

    @Transactional
    public UserAccount setEnabled(long id, boolean enabled) {
        UserAccount before = find(id);
        jdbc.sql("update users set enabled = ?, updated_at = ? where id = ?")
                .params(enabled, Timestamp.from(clock.instant()), id)
                .update();
        UserAccount after = find(id);
        audit.record(enabled ? "enable" : "disable", "user", id, before, after);
        return after;
    }

    /** Gives a user other roles; the last enabled admin keeps ADMIN, so someone can still manage users. */
    @Transactional
    public UserAccount setRoles(long id, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "at least one role");
        }
        UserAccount before = find(id);
        if (before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN) && before.enabled()) {
            long admins = jdbc.sql("select count(*) from users where enabled and 'ADMIN' = any(roles)")
                    .query(Long.class)
                    .single();
            if (admins <= 1) {
                throw new ConflictException("'" + before.username() + "' is the last enabled admin");
            }
        }
        jdbc.sql("update users set roles = ?::text[], updated_at = ? where id = ?")
                .params(roleArray(roles), Timestamp.from(clock.instant()), id)
                .update();
        UserAccount after = find(id);
        audit.record(
                "change-roles",
                "user",
                id,
                Map.of("roles", roleArray(before.roles())),
                Map.of("roles", roleArray(after.roles())));
        return after;
    }

    private static void validate(NewUser user) {
        var errors = new LinkedHashMap<String, String>();
        if (user.username() == null || !user.username().strip().matches("[A-Za-z0-9._@-]{2,64}")) {
            errors.put("username", "2–64 letters, digits or . _ @ -");
        }
        if (user.displayName() == null || user.displayName().isBlank()) {
            errors.put("displayName", "must not be blank");
        }
        if (user.password() == null || user.password().length() < 10) {
            errors.put("password", "at least 10 characters");
        }
        if (user.roles() == null || user.roles().isEmpty()) {
            errors.put("roles", "at least one role");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static String[] roleArray(Collection<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static Set<Role> roles(Array array) throws SQLException {
        var roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                roles(rs.getArray("roles")),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}

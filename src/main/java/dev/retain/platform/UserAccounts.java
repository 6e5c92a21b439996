package dev.retain.platform;

import dev.retain.platform.apikeys.ApiKey;
import dev.retain.platform.signin.SignInAttempts;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who sign in: created, listed, disabled and given temporary passwords by an admin; each changes their own
 * password. Every password set passes the {@link PasswordRule}s; every change is audited (never a password or hash).
 */
@Service
public class UserAccounts {

    /** The password of every user in demo mode, shown on the sign-in page there. */
    public static final String DEMO_PASSWORD = "retain-demo";

    private static final String COLUMNS =
            "id, username, display_name, email, roles, enabled, created_at, must_change_password,"
                    + " totp_secret is not null as two_factor";
    private static final int TEMPORARY_PASSWORD_BYTES = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final SignInAttempts signInAttempts;
    private final SecureRandom random = new SecureRandom();

    UserAccounts(
            JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock, SignInAttempts signInAttempts) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.signInAttempts = signInAttempts;
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

    /**
     * The user acting on this thread: the one signed in, or the one an API key acts for; empty for a system key and
     * for work with nobody behind it.
     */
    public Optional<UserAccount> current() {
        Authentication actor = SecurityContextHolder.getContext().getAuthentication();
        if (actor == null || !actor.isAuthenticated()) {
            return Optional.empty();
        }
        if (actor.getDetails() instanceof ApiKey key) {
            return key.userId() == null ? Optional.empty() : Optional.of(find(key.userId()));
        }
        return findByUsername(actor.getName());
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
                                               created_at, updated_at, password_changed_at, demo_password)
                            values (?, ?, ?, ?, ?::text[], true, ?, ?, ?, ?) returning id""")
                    .params(
                            user.username().strip(),
                            user.displayName().strip(),
                            blankToNull(user.email()),
                            passwords.encode(user.password()),
                            roleArray(user.roles()),
                            now,
                            now,
                            now,
                            DEMO_PASSWORD.equals(user.password()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The username '" + user.username().strip() + "' is taken");
        }
        UserAccount created = find(id);
        audit.record("create", "user", id, null, created);
        return created;
    }

    /** Enables or disables a user; disabling ends all their sessions at once. */
    @Transactional
    public UserAccount setEnabled(long id, boolean enabled) {
        UserAccount before = find(id);
        jdbc.sql("""
                        update users set enabled = ?, updated_at = ?,
                            session_version = session_version + case when ? then 0 else 1 end
                        where id = ?""")
                .params(enabled, Timestamp.from(clock.instant()), enabled, id)
                .update();
        UserAccount after = find(id);
        audit.record(enabled ? "enable" : "disable", "user", id, before, after);
        return after;
    }

    /**
     * A signed-in user chooses a new password, confirming the current one. Their other sessions end; the caller keeps
     * the current one by remembering the new session version.
     */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword) {
        UserAccount user = findByUsername(username).orElseThrow(WrongPasswordException::new);
        String hash = jdbc.sql("select password_hash from users where id = ?")
                .param(user.id())
                .query(String.class)
                .single();
        if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
            throw new WrongPasswordException();
        }
        requireStrong("newPassword", user.username(), newPassword);
        if (passwords.matches(newPassword, hash)) {
            throw new InvalidInputException("newPassword", "must differ from the current password");
        }
        setPassword(user.id(), newPassword, false);
        audit.record("change-password", "user", user.id(), null, null);
    }

    /**
     * An admin gives a user a temporary password, shown once, that must be changed at the next sign-in. Ends the
     * user's sessions and lifts a sign-in lock, since the admin has just vouched for the account.
     */
    @Transactional
    public String resetPassword(long id) {
        UserAccount user = find(id);
        String temporary = temporaryPassword(user.username());
        setPassword(id, temporary, true);
        signInAttempts.unlock(user.username());
        audit.record("reset-password", "user", id, null, null);
        return temporary;
    }

    /** Lifts a sign-in lock before its time (if a lock duration is set at all). */
    @Transactional
    public void unlock(long id) {
        UserAccount user = find(id);
        signInAttempts.unlock(user.username());
        audit.record("unlock", "user", id, null, null);
    }

    /** Usernames of enabled users who still sign in with the public {@link #DEMO_PASSWORD}. */
    @Transactional
    public List<String> enabledWithDemoPassword() {
        learnWhichPasswordsAreDemo();
        return jdbc.sql("select username from users where enabled and demo_password order by username")
                .query(String.class)
                .list();
    }

    /** Whether every user is one of the given demo users and has the demo password: a demo database, no real users. */
    @Transactional
    public boolean onlyDemoUsers(Collection<String> demoUsernames) {
        learnWhichPasswordsAreDemo();
        return jdbc.sql("""
                        select not exists (
                            select 1 from users
                            where not (username = any (?::text[])) or not demo_password)""")
                .param(demoUsernames.toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    /** Passwords set before Retain recorded it are checked once against their hash (slow on purpose), then kept. */
    private void learnWhichPasswordsAreDemo() {
        jdbc.sql("select id, password_hash from users where demo_password is null")
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .forEach(user -> jdbc.sql("update users set demo_password = ? where id = ?")
                        .params(passwords.matches(DEMO_PASSWORD, user.getValue()), user.getKey())
                        .update());
    }

    private void setPassword(long id, String password, boolean mustChange) {
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        update users set password_hash = ?, must_change_password = ?, password_changed_at = ?,
                            demo_password = ?, session_version = session_version + 1, updated_at = ?
                        where id = ?""")
                .params(passwords.encode(password), mustChange, now, DEMO_PASSWORD.equals(password), now, id)
                .update();
    }

    private String temporaryPassword(String username) {
        while (true) {
            byte[] bytes = new byte[TEMPORARY_PASSWORD_BYTES];
            random.nextBytes(bytes);
            String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (PasswordPolicy.brokenRule(username, candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private static void requireStrong(String field, String username, String password) {
        PasswordPolicy.brokenRule(username, password).ifPresent(rule -> {
            throw new WeakPasswordException(Map.of(field, rule.message()), field, rule);
        });
    }

    /** Gives a user other roles; the last enabled admin keeps ADMIN, so someone can still manage users. */
    @Transactional
    public UserAccount setRoles(long id, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "at least one role");
        }
        roles.stream().filter(role -> !role.isStaff()).findAny().ifPresent(role -> {
            throw new InvalidInputException("roles", machineRole(role));
        });
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
        var weakness = PasswordPolicy.brokenRule(user.username(), user.password());
        weakness.ifPresent(rule -> errors.put("password", rule.message()));
        if (user.roles() == null || user.roles().isEmpty()) {
            errors.put("roles", "at least one role");
        } else {
            user.roles().stream()
                    .filter(role -> !role.isStaff())
                    .findAny()
                    .ifPresent(role -> errors.put("roles", machineRole(role)));
        }
        if (weakness.isPresent()) {
            throw new WeakPasswordException(errors, "password", weakness.get());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static String machineRole(Role role) {
        return role + " is for API keys only";
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
                rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("must_change_password"),
                rs.getBoolean("two_factor"));
    }
}

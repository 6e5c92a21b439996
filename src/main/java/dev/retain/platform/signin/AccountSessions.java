package dev.retain.platform.signin;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ties a web session to the version of its user's sessions at sign-in. Disabling a user or resetting their password
 * bumps the version in the database, so every session signed in before is refused on its next request, on every
 * instance, wherever the session itself is kept.
 */
@Component
public class AccountSessions {

    private static final String VERSION = AccountSessions.class.getName() + ".version";

    /**
     * What each request of a signed-in user needs to know about the account; {@code mustEnrolTwoFactor}: a role of
     * theirs requires two-factor sign-in, and they have not switched it on.
     */
    public record AccountState(
            boolean enabled, int sessionVersion, boolean mustChangePassword, boolean mustEnrolTwoFactor) {}

    private final JdbcClient jdbc;

    AccountSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccountState> state(String username) {
        return jdbc.sql("""
                        select enabled, session_version, must_change_password,
                            totp_secret is null and exists (
                                select 1 from two_factor_required_roles r where r.role = any (users.roles))
                                as must_enrol_two_factor
                        from users where username = ?""")
                .param(username)
                .query((rs, row) -> new AccountState(
                        rs.getBoolean("enabled"),
                        rs.getInt("session_version"),
                        rs.getBoolean("must_change_password"),
                        rs.getBoolean("must_enrol_two_factor")))
                .optional();
    }

    /** Marks the session as signed in with the user's current version (after sign-in, or one's own new password). */
    public void remember(HttpSession session, String username) {
        state(username).ifPresent(state -> session.setAttribute(VERSION, state.sessionVersion()));
    }

    /** Whether the session was signed in at the account's current version. */
    public static boolean current(HttpSession session, AccountState state) {
        return session.getAttribute(VERSION) instanceof Integer version && version == state.sessionVersion();
    }
}

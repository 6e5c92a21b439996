package dev.retain.platform.sso;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How each user can sign in: with a password, through single sign-on or both. Kept also when single sign-on has been
 * switched off since, so that users who have no password yet still show as such.
 */
@Component
public class SignInMethods {

    private final JdbcClient jdbc;

    SignInMethods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every user's way of signing in, by user id. */
    public Map<Long, SignInMethod> all() {
        return jdbc
                .sql("select id, password_hash is not null, sso_subject is not null from users")
                .query((rs, row) -> Map.entry(rs.getLong(1), method(rs.getBoolean(2), rs.getBoolean(3))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static SignInMethod method(boolean password, boolean singleSignOn) {
        if (!singleSignOn) {
            return SignInMethod.PASSWORD;
        }
        return password ? SignInMethod.PASSWORD_AND_SINGLE_SIGN_ON : SignInMethod.SINGLE_SIGN_ON;
    }
}

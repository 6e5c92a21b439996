package dev.retain.platform.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Looks up users for the sign-in form; a disabled user cannot sign in, nor can one without a password (created by
 * single sign-on), who is answered like an unknown username.
 */
@Component
class DatabaseUserDetails implements UserDetailsService {

    private final JdbcClient jdbc;

    DatabaseUserDetails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("""
                        select username, password_hash, enabled, roles from users
                        where username = ? and password_hash is not null""")
                .param(username)
                .query((rs, row) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .disabled(!rs.getBoolean(3))
                        .roles((String[]) rs.getArray(4).getArray())
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}

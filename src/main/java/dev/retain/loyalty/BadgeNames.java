package dev.retain.loyalty;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Badges by name, for the condition fields (which the condition language itself needs, so they cannot use it). */
@Component
class BadgeNames {

    private final JdbcClient jdbc;

    BadgeNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> idOf(String name) {
        return jdbc.sql("select id from loyalty_badges where name = ?")
                .param(name == null ? "" : name.strip())
                .query(Long.class)
                .optional();
    }
}

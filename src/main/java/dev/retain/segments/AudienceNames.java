package dev.retain.segments;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds tags and segments by name, for conditions that test membership. */
@Component
public class AudienceNames {

    private final JdbcClient jdbc;

    AudienceNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Long> idOf(AudienceKind kind, String name) {
        return jdbc.sql("select id from audiences where kind = ? and name = ?")
                .params(kind.name(), name)
                .query(Long.class)
                .optional();
    }
}

package dev.retain.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Application events published whose listeners have not finished yet (failed ones, waiting for a retry, excepted). */
@Component
public class PendingEvents {

    private final JdbcClient jdbc;

    PendingEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean any() {
        return jdbc.sql("""
                        select exists (select 1 from event_publication
                                       where completion_date is null and status is distinct from 'FAILED')""").query(Boolean.class).single();
    }
}

package dev.retain.loyalty;

import dev.retain.events.Event;
import dev.retain.events.Events;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds members of spendable points about to run out: a {@code points_expiring} event (with the points and their last
 * day) for each member and last day within the programme's reminder days, recorded once — the reminders table remembers
 * which were given — so a journey started by the event writes to each member once per expiry.
 */
@Component
class ExpiryReminders {

    static final String EVENT = "points_expiring";

    private final JdbcClient jdbc;
    private final Events events;

    ExpiryReminders(JdbcClient jdbc, Events events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Records the reminders due today that were not given yet; returns how many. */
    @Transactional
    int remind(LocalDate today, int reminderDays, Instant now) {
        if (reminderDays <= 0) {
            return 0;
        }
        List<Event> due = jdbc.sql("""
                        insert into loyalty_expiry_reminders (customer_id, expires_on, points, reminded_at)
                        select customer_id, expires_on, sum(remaining), :now
                        from loyalty_lots
                        where state = 'ACTIVE' and remaining > 0 and expires_on between :today and :last
                        group by customer_id, expires_on
                        on conflict (customer_id, expires_on) do nothing
                        returning customer_id, expires_on, points""")
                .param("now", Timestamp.from(now))
                .param("today", Date.valueOf(today))
                .param("last", Date.valueOf(today.plusDays(reminderDays)))
                .query((rs, row) -> new Event(
                        rs.getLong(1),
                        EVENT,
                        now,
                        Map.of(
                                "points", Long.toString(rs.getLong(3)),
                                "expires_on", rs.getObject(2, LocalDate.class).toString())))
                .list();
        events.recordAll(due);
        return due.size();
    }
}

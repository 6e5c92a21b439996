package dev.retain.loyalty;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Badges on the customer's timeline: each badge the day it was earned, with its points. */
@Component
class BadgesOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    BadgesOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "badge";
    }

    @Override
    public int order() {
        return 56;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        select m.earned_at, b.name, b.description
                        from loyalty_member_badges m join loyalty_badges b on b.id = m.badge_id
                        where m.customer_id = ? and m.earned_at < ?
                        order by m.earned_at desc, b.id desc limit ?""")
                .params(
                        customerId,
                        Timestamp.from(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before),
                        limit)
                .query((rs, row) -> TimelineEntry.of(
                        rs.getTimestamp(1).toInstant(), kind(), "earned", rs.getString(3), null, rs.getString(2)))
                .list();
    }
}

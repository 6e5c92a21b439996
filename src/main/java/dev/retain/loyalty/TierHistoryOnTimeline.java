package dev.retain.loyalty;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The member's tier moves on the timeline: up or down, from which tier to which. */
@Component
class TierHistoryOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    TierHistoryOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "tier";
    }

    @Override
    public int order() {
        return 56;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        select at, direction, from_tier, to_tier from loyalty_tier_history
                        where customer_id = ? and at < ? order by at desc, id desc limit ?""")
                .params(
                        customerId,
                        Timestamp.from(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before),
                        limit)
                .query((rs, row) -> TimelineEntry.of(
                        rs.getTimestamp(1).toInstant(),
                        kind(),
                        rs.getString(2).toLowerCase(Locale.ROOT),
                        null,
                        null,
                        rs.getString(3) == null ? "—" : rs.getString(3),
                        rs.getString(4) == null ? "—" : rs.getString(4)))
                .list();
    }
}

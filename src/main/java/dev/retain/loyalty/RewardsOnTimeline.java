package dev.retain.loyalty;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Rewards redeemed on the customer's timeline: the reward and its points, and a gift's status now. */
@Component
class RewardsOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    RewardsOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "reward";
    }

    @Override
    public int order() {
        return 58;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        select r.redeemed_at, w.name, r.points, r.kind, r.status
                        from loyalty_reward_redemptions r join loyalty_rewards w on w.id = r.reward_id
                        where r.customer_id = ? and r.redeemed_at < ?
                        order by r.redeemed_at desc, r.transaction_id desc limit ?""")
                .params(
                        customerId,
                        Timestamp.from(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before),
                        limit)
                .query((rs, row) -> TimelineEntry.of(
                        rs.getTimestamp(1).toInstant(),
                        kind(),
                        rs.getString(5) == null ? "coupon" : "gift",
                        null,
                        null,
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(5) == null
                                ? ""
                                : TimelineEntry.translated("loyalty.giftStatus." + rs.getString(5))))
                .list();
    }
}

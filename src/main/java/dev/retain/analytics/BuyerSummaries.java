package dev.retain.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code analytics_buyers}: per customer with a paid order, the first and last order, the lifetime count and
 * spend, and the spend of the last 365 days. A few customers are refreshed as their orders are recorded; after a large
 * import, and nightly (the 365-day window moves), the table is rebuilt in one pass.
 */
@Component
class BuyerSummaries {

    private static final String SUMMARY = """
            select customer_id, min(ordered_at), max(ordered_at), count(*), sum(base_amount),
                   coalesce(sum(base_amount) filter (where ordered_at >= :yearAgo), 0), :now
            from paid_orders_view %s group by customer_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    BuyerSummaries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public long rebuild() {
        Instant now = clock.instant();
        lock();
        jdbc.sql("delete from analytics_buyers").update();
        long buyers = jdbc.sql("insert into analytics_buyers " + SUMMARY.formatted(""))
                .param("yearAgo", Timestamp.from(now.minus(Duration.ofDays(365))))
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("update analytics_refreshes set buyers_at = ?, cohorts_stale = true")
                .param(Timestamp.from(now))
                .update();
        return buyers;
    }

    @Transactional
    public void refresh(List<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Long[] ids = customerIds.toArray(Long[]::new);
        lock();
        jdbc.sql("delete from analytics_buyers where customer_id = any(:ids)")
                .param("ids", ids)
                .update();
        jdbc.sql("insert into analytics_buyers " + SUMMARY.formatted("where customer_id = any(:ids)"))
                .param("ids", ids)
                .param("yearAgo", Timestamp.from(now.minus(Duration.ofDays(365))))
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("update analytics_refreshes set cohorts_stale = true").update();
    }

    /** Rebuilds and refreshes, from any app instance, take turns. */
    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('analytics_buyers'))")
                .query()
                .singleValue();
    }
}

package dev.retain.messaging;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages on the customer's timeline: each delivery gives an entry for what happened to it — queued, sent, opened,
 * clicked, failed, not sent (suppressed or over the cap), unsubscribed — at the time it happened.
 */
@Component
class DeliveriesOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    DeliveriesOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "message";
    }

    @Override
    public int order() {
        return 20;
    }

    /**
     * Everything a delivery records happens at or after it was asked for, so only deliveries asked for before the
     * cursor can give entries: those are found through {@code message_deliveries_customer_idx} (the customer's
     * messages, which the frequency cap keeps to a few a week), their happenings before the cursor sorted and the
     * newest {@code limit} kept.
     */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        Timestamp cursor = Timestamp.from(before);
        return jdbc.sql("""
                        select x.type, x.at, d.channel, d.status, d.subject, coalesce(d.last_error, d.reason), d.id
                        from message_deliveries d
                        cross join lateral (values
                            ('queued', case when d.status in ('QUEUED', 'DEFERRED', 'SENDING', 'RETRYING')
                                             and d.sent_at is null then d.created_at end),
                            ('notSent', case when d.status in ('SUPPRESSED', 'CAPPED') then d.created_at end),
                            ('sent', d.sent_at),
                            ('failed', d.failed_at),
                            ('opened', d.opened_at),
                            ('clicked', d.clicked_at),
                            ('unsubscribed', d.unsubscribed_at)) as x(type, at)
                        where d.customer_id = ? and d.created_at < ? and x.at < ?
                        order by x.at desc, d.id desc limit ?""")
                .params(customerId, cursor, cursor, limit)
                .query((rs, row) -> {
                    String type = rs.getString(1);
                    Object channel = TimelineEntry.translated("messaging.channel." + rs.getString(3));
                    String subject = rs.getString(5);
                    String problem = rs.getString(6);
                    boolean notSent = type.equals("notSent");
                    return TimelineEntry.of(
                            rs.getTimestamp(2).toInstant(),
                            kind(),
                            type,
                            notSent || type.equals("failed") ? problem : subject,
                            "/messages/deliveries?customerId=" + customerId,
                            channel,
                            notSent ? TimelineEntry.translated("timeline.message.why." + rs.getString(4)) : null);
                })
                .list();
    }
}

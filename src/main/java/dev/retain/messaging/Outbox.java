package dev.retain.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the built-in outbox holds: the messages that would have gone to customers, newest first. */
@Service
public class Outbox {

    /** Switches every channel to the outbox. */
    public static final String PROPERTY = "retain.messaging.outbox";

    /** A message as its recipient would have received it. */
    public record OutboxMessage(
            long customerId,
            long deliveryId,
            Channel channel,
            String recipient,
            String subject,
            String body,
            Instant sentAt) {}

    private static final String COLUMNS = "customer_id, delivery_id, channel, recipient, subject, body, sent_at";

    private final JdbcClient jdbc;
    private final boolean enabled;

    Outbox(JdbcClient jdbc, @Value("${" + PROPERTY + ":false}") boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    /** Whether channels deliver into the outbox rather than to real servers. */
    public boolean enabled() {
        return enabled;
    }

    /** The newest messages, at most {@code limit}, all or of one channel. */
    public List<OutboxMessage> latest(Channel channel, int limit) {
        return jdbc.sql("select " + COLUMNS + " from outbox_messages where (cast(? as text) is null or channel = ?)"
                        + " order by sent_at desc, delivery_id desc limit ?")
                .params(channel == null ? null : channel.name(), channel == null ? null : channel.name(), limit)
                .query(Outbox::map)
                .list();
    }

    /** Messages kept at or after {@code from} and before {@code to}, oldest first. */
    public List<OutboxMessage> sentBetween(Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS
                        + " from outbox_messages where sent_at >= ? and sent_at < ? order by sent_at, delivery_id")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(Outbox::map)
                .list();
    }

    public Optional<OutboxMessage> find(long customerId, long deliveryId) {
        return jdbc.sql("select " + COLUMNS + " from outbox_messages where customer_id = ? and delivery_id = ?")
                .params(customerId, deliveryId)
                .query(Outbox::map)
                .optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from outbox_messages")
                .query(Long.class)
                .single();
    }

    private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
        return new OutboxMessage(
                rs.getLong("customer_id"),
                rs.getLong("delivery_id"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getTimestamp("sent_at").toInstant());
    }
}

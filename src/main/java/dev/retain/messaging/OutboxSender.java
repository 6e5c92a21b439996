package dev.retain.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A channel that keeps its messages in the outbox instead of handing them on, so that an installation without a mail
 * server or gateway (the demo) sends for real as far as Retain is concerned, and shows what went out.
 */
final class OutboxSender implements ChannelSender {

    private final Channel channel;
    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxSender(Channel channel, JdbcClient jdbc, Clock clock) {
        this.channel = channel;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public DeliveryStatus send(OutgoingMessage message) {
        jdbc.sql("""
                        insert into outbox_messages (customer_id, delivery_id, channel, recipient, subject, body, sent_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(
                        message.customerId(),
                        message.deliveryId(),
                        channel.name(),
                        message.recipient(),
                        message.subject(),
                        message.body(),
                        Timestamp.from(clock.instant()))
                .update();
        return DeliveryStatus.DELIVERED;
    }
}

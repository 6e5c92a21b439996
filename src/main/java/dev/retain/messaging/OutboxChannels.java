package dev.retain.messaging;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With {@code retain.messaging.outbox=true}, every channel delivers into the outbox (in place of the real senders). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = Outbox.PROPERTY, havingValue = "true")
class OutboxChannels {

    @Bean
    ChannelSender emailOutbox(JdbcClient jdbc, Clock clock) {
        return new OutboxSender(Channel.EMAIL, jdbc, clock);
    }

    @Bean
    ChannelSender smsOutbox(JdbcClient jdbc, Clock clock) {
        return new OutboxSender(Channel.SMS, jdbc, clock);
    }

    @Bean
    ChannelSender webhookOutbox(JdbcClient jdbc, Clock clock) {
        return new OutboxSender(Channel.WEBHOOK, jdbc, clock);
    }
}

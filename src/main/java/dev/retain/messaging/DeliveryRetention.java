package dev.retain.messaging;

import dev.retain.platform.RetentionSchedule;
import dev.retain.platform.ScheduledJob;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery log keeps {@code retain.retention.messages-months} months: the platform's retention job drops older
 * monthly partitions, and this drops the idempotency keys of the same months.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryRetention {

    private final DeliveryTable table;
    private final Clock clock;
    private final int months;

    DeliveryRetention(DeliveryTable table, Clock clock, @Value("${retain.retention.messages-months}") int months) {
        this.table = table;
        this.clock = clock;
        this.months = months;
    }

    @Bean
    static RetentionSchedule deliveryLogRetention(@Value("${retain.retention.messages-months}") int months) {
        return new RetentionSchedule(DeliveryTable.TABLE, months);
    }

    /** Nightly in the server's time zone, once in the cluster. */
    @Bean
    ScheduledJob deliveryKeyRetentionJob() {
        return new ScheduledJob(
                "messaging.delivery-key-retention", "0 27 3 * * *", ZoneId.systemDefault(), this::pruneKeysNow);
    }

    int pruneKeysNow() {
        var firstKeptMonth = clock.instant()
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .withDayOfMonth(1)
                .minusMonths(months)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return table.pruneKeys(firstKeptMonth);
    }
}

package dev.retain.messaging;

import java.util.Set;

/** Filters of the delivery log; null or empty means any. */
public record DeliveryQuery(Long customerId, Channel channel, Set<DeliveryStatus> statuses, String sourcePrefix) {

    public static DeliveryQuery deadLetters() {
        return new DeliveryQuery(null, null, Set.of(DeliveryStatus.DEAD, DeliveryStatus.IN_DOUBT), null);
    }
}

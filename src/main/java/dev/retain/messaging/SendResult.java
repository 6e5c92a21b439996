package dev.retain.messaging;

import java.time.Instant;

/**
 * What became of a message asked for: queued for now, deferred (quiet hours) until {@code dueAt}, or not sent at all
 * (suppressed or capped) with the {@code reason}. Every outcome is in the delivery log under {@code deliveryId}.
 */
public record SendResult(Long deliveryId, Status status, String reason, Instant dueAt) {

    public enum Status {
        QUEUED,
        DEFERRED,
        SUPPRESSED,
        CAPPED
    }
}

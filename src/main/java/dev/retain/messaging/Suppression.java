package dev.retain.messaging;

import java.time.Instant;

/** A customer who must not be sent to on a channel; {@code channel} null means every channel. */
public record Suppression(
        long customerId, Channel channel, SuppressionReason reason, String note, Instant at, String createdBy) {

    public boolean allChannels() {
        return channel == null;
    }

    /** Whether only an admin may lift it: the customer chose it. */
    public boolean chosenByCustomer() {
        return reason.chosenByCustomer();
    }
}

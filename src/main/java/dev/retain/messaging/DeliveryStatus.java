package dev.retain.messaging;

/**
 * Where a message is. QUEUED and DEFERRED wait for their due time, SENDING is being handed over, RETRYING failed and
 * waits for its next attempt; SENT was accepted by the server or gateway, DELIVERED confirmed by the receiver. DEAD
 * failed every attempt and IN_DOUBT was being sent when its sender stopped: both are in the dead-letter list. A
 * SUPPRESSED or CAPPED message was never sent.
 */
public enum DeliveryStatus {
    QUEUED,
    DEFERRED,
    SENDING,
    RETRYING,
    SENT,
    DELIVERED,
    DEAD,
    IN_DOUBT,
    SUPPRESSED,
    CAPPED;

    public boolean deadLetter() {
        return this == DEAD || this == IN_DOUBT;
    }
}

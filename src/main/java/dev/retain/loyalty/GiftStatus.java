package dev.retain.loyalty;

/** Where a redeemed gift stands: waiting to be sent, sent, or cancelled before it was sent (its points came back). */
public enum GiftStatus {
    NEW,
    SENT,
    CANCELLED
}

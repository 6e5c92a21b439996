package dev.retain.commerce;

/** Only PAID orders count as spend; refunds and cancellations are kept for the record. */
public enum OrderStatus {
    PAID,
    REFUNDED,
    CANCELLED
}

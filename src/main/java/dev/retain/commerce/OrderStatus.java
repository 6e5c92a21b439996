package dev.retain.commerce;

/**
 * Only PAID orders count as spend; refunds and cancellations are kept for the record. A RETURNED order is a return or
 * credit note with negative amounts: the order it returns counts net of it (see {@code paid_orders_view}).
 */
public enum OrderStatus {
    PAID,
    REFUNDED,
    CANCELLED,
    RETURNED
}

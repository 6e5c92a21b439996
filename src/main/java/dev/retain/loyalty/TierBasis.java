package dev.retain.loyalty;

/**
 * What qualifies a member for a tier over the rolling window: points earned (spendable awards, net of what refunds took
 * back — never the balance, never pending points), the paid orders' amount in the base currency, or their number.
 */
public enum TierBasis {
    POINTS,
    SPEND,
    ORDERS
}

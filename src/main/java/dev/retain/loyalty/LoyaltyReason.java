package dev.retain.loyalty;

/** Why points moved; every ledger transaction has one. */
public enum LoyaltyReason {
    /** Points earned by an order (or more of them, when a return is undone). */
    ORDER,
    /** Points an order earned, taken back after a refund, a cancellation or a return. */
    REFUND,
    /** Points given or taken by hand, with a note. */
    ADJUSTMENT,
    /** Points spent. */
    REDEMPTION,
    /** Points that ran out. */
    EXPIRY,
    /** Points moved between members (a merge of two customers). */
    TRANSFER,
    /** Points for bringing a friend. */
    REFERRAL,
    /** Points given by a campaign or another channel. */
    CAMPAIGN,
    /** Pending points that became spendable. */
    ACTIVATION,
    /** Points for a customer event (a sign-in, a review, a profile completed) under an event rule. */
    EVENT
}

package dev.retain.loyalty;

/** Where a referral stands. */
public enum ReferralStatus {
    /** Waiting for the friend's first paid order. */
    PENDING,
    /** The friend's first paid order qualified: both sides were rewarded. */
    QUALIFIED,
    /** A guard refused it; its reason says which. */
    REFUSED,
    /** The qualifying order was refunded: both rewards were taken back. */
    REVERSED
}

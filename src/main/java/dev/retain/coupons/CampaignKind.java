package dev.retain.coupons;

/** What a campaign's coupons take off an order. */
public enum CampaignKind {
    /** A fixed amount in the base currency. */
    FIXED,
    /** A percentage of the order amount, optionally capped. */
    PERCENT
}

package dev.retain.loyalty;

/** What a reward of the catalogue gives for its points. */
public enum RewardKind {
    /** One coupon of a coupon campaign, issued at once. */
    COUPON,
    /** A physical gift, recorded for someone to send. */
    GIFT
}

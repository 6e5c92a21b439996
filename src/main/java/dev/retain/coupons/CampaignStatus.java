package dev.retain.coupons;

/**
 * Whether a campaign issues coupons. Pausing or ending stops issuing only: coupons already held stay usable until they
 * expire (void them to take them back). An ended campaign cannot be resumed.
 */
public enum CampaignStatus {
    ACTIVE,
    PAUSED,
    ENDED
}

package dev.retain.coupons;

import java.math.BigDecimal;

/** A campaign with what its coupons did: issued (not voided), redeemed, expired, and the discount given. */
public record CampaignSummary(
        CouponCampaign campaign, long issued, long redeemed, long expired, BigDecimal discountGiven) {

    /** Redeemed per issued coupon, 0 when none was issued. */
    public double redemptionRate() {
        return issued == 0 ? 0 : (double) redeemed / issued;
    }
}

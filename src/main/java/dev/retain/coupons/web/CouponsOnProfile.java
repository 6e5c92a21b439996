package dev.retain.coupons.web;

import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.CouponDetails;
import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.customers.ProfileSection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The coupons a customer holds, and those redeemed, expired or voided in the last 90 days, with issuing one by hand.
 */
@Component
class CouponsOnProfile implements ProfileSection {

    private static final Duration RECENT = Duration.ofDays(90);

    private final Coupons coupons;
    private final CouponCampaigns campaigns;
    private final Clock clock;

    CouponsOnProfile(Coupons coupons, CouponCampaigns campaigns, Clock clock) {
        this.coupons = coupons;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 8;
    }

    @Override
    public String fragment() {
        return "coupons/profile :: coupons";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        Instant since = clock.instant().minus(RECENT);
        List<CouponDetails> all = coupons.ofCustomer(customerId);
        var data = new HashMap<String, Object>();
        data.put("customerId", customerId);
        data.put("held", coupons.heldBy(customerId));
        data.put(
                "recent",
                all.stream()
                        .filter(details ->
                                !IssuedCoupon.ISSUED.equals(details.coupon().status()))
                        .filter(details -> lastChange(details.coupon()).isAfter(since))
                        .toList());
        data.put("campaigns", campaigns.issuing());
        return data;
    }

    private static Instant lastChange(IssuedCoupon coupon) {
        if (coupon.redeemedAt() != null) {
            return coupon.redeemedAt();
        }
        return IssuedCoupon.EXPIRED.equals(coupon.status()) ? coupon.expiresAt() : coupon.issuedAt();
    }
}

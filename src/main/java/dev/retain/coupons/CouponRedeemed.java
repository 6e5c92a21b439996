package dev.retain.coupons;

import java.math.BigDecimal;

/**
 * A coupon was used: through the API ({@code orderId} when the caller named one) or on an imported order carrying its
 * code. {@code discount} is in the base currency; {@code sourceRef} is who issued the coupon.
 */
public record CouponRedeemed(
        long couponId, long campaignId, long customerId, Long orderId, BigDecimal discount, String sourceRef) {}

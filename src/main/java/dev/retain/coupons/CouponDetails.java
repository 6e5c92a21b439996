package dev.retain.coupons;

import java.math.BigDecimal;

/** A coupon with what its redemption gave: the order it was used on (when known) and the discount. */
public record CouponDetails(IssuedCoupon coupon, Long orderId, BigDecimal discount) {}

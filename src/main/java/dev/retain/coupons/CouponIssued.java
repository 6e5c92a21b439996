package dev.retain.coupons;

/** A coupon of the campaign was issued to the customer. */
public record CouponIssued(long couponId, long campaignId, long customerId, String sourceRef) {}

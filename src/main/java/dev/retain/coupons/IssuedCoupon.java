package dev.retain.coupons;

import java.time.Instant;

/**
 * One coupon held by a customer. {@code status} is ISSUED, REDEEMED, EXPIRED or VOID (an issued coupon past its expiry
 * reads EXPIRED even before the nightly job marks it); {@code description} says what it is worth, e.g. "¥20 off orders
 * over ¥100"; {@code sourceRef} says who issued it, e.g. "journey:12:enrolment:345" or "manual:alice".
 */
public record IssuedCoupon(
        long id,
        long campaignId,
        long customerId,
        String code,
        String status,
        Instant issuedAt,
        Instant expiresAt,
        Instant redeemedAt,
        String description,
        String sourceRef) {

    public static final String ISSUED = "ISSUED";
    public static final String REDEEMED = "REDEEMED";
    public static final String EXPIRED = "EXPIRED";
    public static final String VOID = "VOID";
}

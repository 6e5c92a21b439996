package dev.retain.coupons;

import java.math.BigDecimal;
import java.time.Instant;

/** A coupon used on an order: the order's amount and the discount it gave, both in the base currency. */
public record Redemption(
        long couponId,
        String code,
        long campaignId,
        long customerId,
        Long orderId,
        BigDecimal orderAmount,
        BigDecimal discount,
        Instant redeemedAt) {}

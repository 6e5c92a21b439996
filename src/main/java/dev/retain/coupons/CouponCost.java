package dev.retain.coupons;

import java.math.BigDecimal;

/**
 * What the coupons of one issuing source cost, for return on investment: coupons issued (not voided), redeemed, and
 * the discount given in {@code currency}, the base currency.
 */
public record CouponCost(long issued, long redeemed, BigDecimal discount, String currency) {}

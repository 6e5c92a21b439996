package dev.retain.loyalty;

import java.math.BigDecimal;

/**
 * A tier (会员等级) and its benefits (权益): its rank (0 the lowest), the qualifying value it needs over the window, the
 * multiplier of points earned by orders, the coupon campaign whose coupon welcomes a member on reaching it (null:
 * none), the points given in the member's birthday month (0: none) and free shipping. A null {@code id} is a tier to
 * add; a null multiplier is 1, null birthday points none, null free shipping off.
 */
public record Tier(
        Integer id,
        String name,
        BigDecimal threshold,
        BigDecimal multiplier,
        Long welcomeCampaignId,
        Long birthdayPoints,
        Boolean freeShipping) {}

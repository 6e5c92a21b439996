package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How orders earn points, as of a version: {@code pointsPerUnit} for each unit of the base currency paid (net of
 * returns), each order line times the multiplier of its product ({@code productMultipliers}, by SKU) or else of its
 * category ({@code categoryMultipliers}), times {@code birthdayMultiplier} for orders placed in the member's birthday
 * month, rounded to whole points once per order, and {@code firstOrderBonus} more for a customer's first paid order
 * ever; and how customer events earn ({@code eventRules}, one per event name). A change is a new version; every order
 * keeps the version it first earned under, and an event earns under the version that was the newest when it occurred.
 */
public record EarningRule(
        int version,
        BigDecimal pointsPerUnit,
        Rounding rounding,
        int firstOrderBonus,
        BigDecimal birthdayMultiplier,
        Map<String, BigDecimal> categoryMultipliers,
        Map<String, BigDecimal> productMultipliers,
        List<EventRule> eventRules,
        Instant createdAt,
        String createdBy) {}

package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How orders earn points, as of a version: {@code pointsPerUnit} for each unit of the base currency paid (net of
 * returns), rounded to whole points, and {@code firstOrderBonus} more for a customer's first paid order ever. A change
 * is a new version; every order keeps the version it first earned under.
 */
public record EarningRule(
        int version,
        BigDecimal pointsPerUnit,
        Rounding rounding,
        int firstOrderBonus,
        Instant createdAt,
        String createdBy) {}

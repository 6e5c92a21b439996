package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A campaign as an admin sets it: its window in the company's time zone (from, until before), either a multiplier
 * (above 1, at most 100) or bonus points per qualifying order, an optional minimum order amount (base currency) and
 * category, a budget of points and an optional limit per member.
 */
public record CampaignDraft(
        String name,
        LocalDateTime startsAt,
        LocalDateTime endsAt,
        BigDecimal multiplier,
        Long bonusPoints,
        BigDecimal minimumAmount,
        String category,
        Long budget,
        Long memberLimit) {}

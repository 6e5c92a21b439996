package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A points campaign (积分活动): orders placed from {@code startsAt} until before {@code endsAt} earn a bonus — their
 * points times {@code multiplier} less one, or {@code bonusPoints} — if at least {@code minimumAmount} and, with a
 * {@code category}, with a line of it; never beyond {@code budget} points in all (of which {@code awarded} are held by
 * orders now) nor {@code memberLimit} points per member.
 */
public record Campaign(
        long id,
        String name,
        Instant startsAt,
        Instant endsAt,
        BigDecimal multiplier,
        Long bonusPoints,
        BigDecimal minimumAmount,
        String category,
        long budget,
        Long memberLimit,
        long awarded,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}

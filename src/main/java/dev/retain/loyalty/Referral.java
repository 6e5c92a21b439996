package dev.retain.loyalty;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A friend ({@code friendId}) brought by a member ({@code referrerId}); {@code reason} says why it was refused or
 * reversed, {@code orderId} is the friend's qualifying order, and the points are what each side was given.
 */
public record Referral(
        long friendId,
        long referrerId,
        ReferralStatus status,
        ReferralReason reason,
        Instant createdAt,
        Long orderId,
        LocalDate qualifiedOn,
        Instant decidedAt,
        long referrerPoints,
        long friendPoints) {}

package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The points programme: whether orders earn points, from which day ({@code earnFrom}, company time zone; null: none
 * yet), for how many days earned points stay pending, when they expire, and what a refund of points already spent
 * does, how many days before points expire members are reminded (0: never), and what a point is worth in the base
 * currency. Past awards keep the pending days and
 * expiry they were given.
 */
public record ProgrammeSettings(
        boolean enabled,
        LocalDate earnFrom,
        int pendingDays,
        ExpiryPolicy expiry,
        int expiryMonths,
        int expiryDays,
        RefundShortfall refundShortfall,
        int expiryReminderDays,
        BigDecimal pointValue,
        Instant updatedAt,
        String updatedBy) {}

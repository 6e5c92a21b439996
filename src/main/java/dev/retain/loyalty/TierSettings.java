package dev.retain.loyalty;

import java.time.Instant;

/**
 * How members qualify for tiers: by what ({@code basis}) over how many months; the review this many months after
 * reaching a tier, the grace days after a review found a member below, and the "will downgrade" reminder this many
 * days before the grace ends.
 */
public record TierSettings(
        TierBasis basis,
        int windowMonths,
        int reviewMonths,
        int graceDays,
        int warningDays,
        Instant updatedAt,
        String updatedBy) {}

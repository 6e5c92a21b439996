package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A member's tier now: the tier (null: none) since when, its next review and a grace running after a review found the
 * member below; the qualifying value over the window, the next tier up with what is still needed for it, and the
 * tier's benefits.
 */
public record MemberTier(
        long customerId,
        String tier,
        Integer tierId,
        Instant since,
        LocalDate reviewOn,
        LocalDate graceUntil,
        TierBasis basis,
        int windowMonths,
        BigDecimal qualifyingValue,
        Next next,
        Benefits benefits) {

    /** The next tier up and what is still needed to reach it. */
    public record Next(String tier, BigDecimal threshold, BigDecimal needed) {}

    /** What the tier gives; all off without a tier. */
    public record Benefits(
            BigDecimal earningMultiplier, boolean freeShipping, long birthdayPoints, Long welcomeCampaignId) {}

    /** How far the member is from the current tier's threshold to the next one's, 0–100. */
    public int progressPercent() {
        if (next == null) {
            return 100;
        }
        if (next.threshold().signum() <= 0) {
            return 100;
        }
        return qualifyingValue
                .multiply(BigDecimal.valueOf(100))
                .divide(next.threshold(), 0, java.math.RoundingMode.DOWN)
                .min(BigDecimal.valueOf(100))
                .intValue();
    }
}

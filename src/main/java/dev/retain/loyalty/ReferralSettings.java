package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Referrals' settings: whether friends can be attached, the points the referrer and the friend get when the friend's
 * first paid order qualifies (at least {@code minimumAmount} in the base currency), and how many referrals of one
 * referrer qualify per day.
 */
public record ReferralSettings(
        boolean enabled,
        int referrerPoints,
        int friendPoints,
        BigDecimal minimumAmount,
        int dailyCap,
        Instant updatedAt,
        String updatedBy) {

    /** Settings as given to change them. */
    public record Change(
            Boolean enabled,
            Integer referrerPoints,
            Integer friendPoints,
            BigDecimal minimumAmount,
            Integer dailyCap) {}
}

package dev.retain.coupons;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a coupon stops being valid, with days reckoned in the company's time zone: at the end of the campaign's last
 * day ({@code validUntil}), at the end of the day {@code validDaysAfterIssue} days after the day of issue (so a coupon
 * issued on the 1st for 7 days is valid through the 8th), whichever comes first. Expiry instants are exclusive.
 */
final class Validity {

    private Validity() {}

    static Instant expiresAt(CouponCampaign campaign, Instant issuedAt, ZoneId zone) {
        Instant byDate = campaign.validUntil() == null ? null : endOf(campaign.validUntil(), zone);
        Instant byDays = campaign.validDaysAfterIssue() == null
                ? null
                : endOf(LocalDate.ofInstant(issuedAt, zone).plusDays(campaign.validDaysAfterIssue()), zone);
        if (byDate == null) {
            return byDays;
        }
        return byDays == null || byDate.isBefore(byDays) ? byDate : byDays;
    }

    /** The campaign's last day has passed: it issues nothing more. */
    static boolean over(CouponCampaign campaign, Instant now, ZoneId zone) {
        return campaign.validUntil() != null && !now.isBefore(endOf(campaign.validUntil(), zone));
    }

    /** Its coupons cannot be used yet. */
    static boolean notStarted(CouponCampaign campaign, Instant now, ZoneId zone) {
        return campaign.validFrom() != null
                && now.isBefore(campaign.validFrom().atStartOfDay(zone).toInstant());
    }

    private static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

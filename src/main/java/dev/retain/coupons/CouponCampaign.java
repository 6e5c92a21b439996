package dev.retain.coupons;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A coupon campaign: its terms, when its coupons are valid, its limits ({@code budget} null is unlimited;
 * {@code issued} counts the coupons issued and not voided), and whether it issues. {@code offer} is the terms in
 * words.
 */
public record CouponCampaign(
        long id,
        String name,
        String description,
        CampaignKind kind,
        BigDecimal amount,
        BigDecimal percent,
        BigDecimal maxDiscount,
        String currency,
        BigDecimal minSpend,
        LocalDate validFrom,
        LocalDate validUntil,
        Integer validDaysAfterIssue,
        Integer budget,
        int perCustomerLimit,
        int issued,
        CampaignStatus status,
        String offer,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public CouponTerms terms() {
        return new CouponTerms(kind, amount, percent, maxDiscount, minSpend, currency);
    }

    /** What a coupon says it is: the description when there is one, else the terms in words. */
    public String couponDescription() {
        return description == null || description.isBlank() ? offer : description;
    }
}

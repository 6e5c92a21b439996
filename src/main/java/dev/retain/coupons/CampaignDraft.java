package dev.retain.coupons;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a person sends to create or change a campaign. {@code amount} is for FIXED, {@code percent} (and optionally
 * {@code maxDiscount}) for PERCENT; at least one of {@code validUntil} and {@code validDaysAfterIssue} is needed.
 * {@code budget} null is unlimited; {@code perCustomerLimit} defaults to 1, {@code status} to ACTIVE.
 */
public record CampaignDraft(
        String name,
        String description,
        CampaignKind kind,
        BigDecimal amount,
        BigDecimal percent,
        BigDecimal maxDiscount,
        BigDecimal minSpend,
        LocalDate validFrom,
        LocalDate validUntil,
        Integer validDaysAfterIssue,
        Integer budget,
        Integer perCustomerLimit,
        CampaignStatus status) {

    public static CampaignDraft of(CouponCampaign campaign) {
        return new CampaignDraft(
                campaign.name(),
                campaign.description(),
                campaign.kind(),
                campaign.amount(),
                campaign.percent(),
                campaign.maxDiscount(),
                campaign.minSpend(),
                campaign.validFrom(),
                campaign.validUntil(),
                campaign.validDaysAfterIssue(),
                campaign.budget(),
                campaign.perCustomerLimit(),
                campaign.status());
    }

    public CampaignDraft withStatus(CampaignStatus newStatus) {
        return new CampaignDraft(
                name,
                description,
                kind,
                amount,
                percent,
                maxDiscount,
                minSpend,
                validFrom,
                validUntil,
                validDaysAfterIssue,
                budget,
                perCustomerLimit,
                newStatus);
    }
}

package dev.retain.coupons;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers, campaigns and coupons in the states tests start from. */
final class CouponData {

    private final JdbcClient jdbc;
    private final CouponCampaigns campaigns;
    private final Coupons coupons;

    CouponData(JdbcClient jdbc, CouponCampaigns campaigns, Coupons coupons) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.coupons = coupons;
    }

    long aCustomer() {
        return jdbc.sql("""
                        insert into customers (kind, name, lifecycle_stage, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, 'REPEAT', '{}', now(), now()) returning id""")
                .param("Coupon holder " + UUID.randomUUID())
                .query(Long.class)
                .single();
    }

    /** ¥20 off orders over ¥100, valid 30 days after issue, unlimited. */
    CouponCampaign aTwentyOffCampaign() {
        return campaigns.create(fixed("20", "100", null, 30, null, 1));
    }

    CouponCampaign aCampaign(CampaignDraft draft) {
        return campaigns.create(draft);
    }

    static CampaignDraft fixed(
            String amount,
            String minSpend,
            LocalDate validUntil,
            Integer validDays,
            Integer budget,
            Integer perCustomerLimit) {
        return new CampaignDraft(
                "满" + minSpend + "减" + amount,
                null,
                CampaignKind.FIXED,
                new BigDecimal(amount),
                null,
                null,
                new BigDecimal(minSpend),
                null,
                validUntil,
                validDays,
                budget,
                perCustomerLimit,
                null);
    }

    static CampaignDraft percent(String percent, String maxDiscount) {
        return new CampaignDraft(
                percent + "% off",
                null,
                CampaignKind.PERCENT,
                null,
                new BigDecimal(percent),
                maxDiscount == null ? null : new BigDecimal(maxDiscount),
                BigDecimal.ZERO,
                null,
                null,
                30,
                null,
                5,
                null);
    }

    IssuedCoupon anIssuedCoupon(CouponCampaign campaign, long customerId) throws CouponUnavailableException {
        return coupons.issue(campaign.id(), customerId, UUID.randomUUID().toString(), "test:" + campaign.id());
    }

    /** Issued, past its expiry, not yet marked by the nightly job. */
    IssuedCoupon anExpiredCoupon(CouponCampaign campaign, long customerId) throws CouponUnavailableException {
        IssuedCoupon coupon = anIssuedCoupon(campaign, customerId);
        jdbc.sql("update coupons set expires_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), coupon.id())
                .update();
        return coupons.find(coupon.code()).orElseThrow();
    }
}

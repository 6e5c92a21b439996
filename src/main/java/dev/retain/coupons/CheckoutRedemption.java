package dev.retain.coupons;

import dev.retain.coupons.CouponUnavailableException.Reason;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems a coupon presented at a checkout (through the API): checks it can be used on this order, computes the
 * discount, and marks it redeemed. The coupon's row is locked, so it is redeemed once however many try at once.
 */
@Component
class CheckoutRedemption {

    private final JdbcClient jdbc;
    private final IssuedCoupons coupons;
    private final CouponCampaigns campaigns;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CompanyZone zone;

    CheckoutRedemption(
            JdbcClient jdbc,
            IssuedCoupons coupons,
            CouponCampaigns campaigns,
            ApplicationEventPublisher events,
            Clock clock,
            CompanyZone zone) {
        this.jdbc = jdbc;
        this.coupons = coupons;
        this.campaigns = campaigns;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    /** {@code orderId}, when given, must be a paid order of the coupon's customer; {@code customerId} is checked. */
    @Transactional
    Redemption redeem(String code, BigDecimal orderAmount, Long orderId, Long customerId)
            throws CouponUnavailableException {
        if (orderAmount == null || orderAmount.signum() <= 0) {
            throw new InvalidInputException("orderAmount", "the order's amount in the base currency, above 0");
        }
        String normalised = CouponCodes.normalise(code);
        Long id = jdbc.sql("select id from coupons where code = ? for update")
                .param(normalised)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("coupon", normalised));
        IssuedCoupon coupon = coupons.byId(id).orElseThrow();
        CouponCampaign campaign = campaigns.find(coupon.campaignId());
        Instant now = clock.instant();
        requireUsable(coupon, campaign, orderAmount, customerId, now);
        if (orderId != null && !paidOrderOf(orderId, coupon.customerId())) {
            throw new InvalidInputException("orderId", "not a paid order of the coupon's customer");
        }
        BigDecimal discount = campaign.terms().discountOn(orderAmount);
        jdbc.sql("""
                        update coupons set status = 'REDEEMED', redeemed_at = ?, order_id = ?, discount = ?
                        where id = ?""").params(Timestamp.from(now), orderId, discount, id).update();
        events.publishEvent(new CouponRedeemed(
                id, coupon.campaignId(), coupon.customerId(), orderId, discount, coupon.sourceRef()));
        return new Redemption(
                id, coupon.code(), coupon.campaignId(), coupon.customerId(), orderId, orderAmount, discount, now);
    }

    private void requireUsable(
            IssuedCoupon coupon, CouponCampaign campaign, BigDecimal orderAmount, Long customerId, Instant now)
            throws CouponUnavailableException {
        switch (coupon.status()) {
            case IssuedCoupon.REDEEMED ->
                throw new CouponUnavailableException(
                        Reason.ALREADY_REDEEMED, "the coupon was redeemed at " + coupon.redeemedAt());
            case IssuedCoupon.VOID -> throw new CouponUnavailableException(Reason.COUPON_VOID, "the coupon was voided");
            case IssuedCoupon.EXPIRED ->
                throw new CouponUnavailableException(
                        Reason.COUPON_EXPIRED, "the coupon expired at " + coupon.expiresAt());
            default -> {
                // issued and unexpired: the order decides
            }
        }
        if (customerId != null && customerId != coupon.customerId()) {
            throw new CouponUnavailableException(Reason.WRONG_CUSTOMER, "the coupon belongs to another customer");
        }
        if (Validity.notStarted(campaign, now, zone.zone())) {
            throw new CouponUnavailableException(
                    Reason.NOT_YET_VALID, "the coupon is valid from " + campaign.validFrom());
        }
        if (!campaign.terms().allows(orderAmount)) {
            throw new CouponUnavailableException(
                    Reason.BELOW_MIN_SPEND,
                    "the order is below the minimum spend of "
                            + campaign.minSpend().toPlainString());
        }
    }

    private boolean paidOrderOf(long orderId, long customerId) {
        return jdbc.sql("select exists (select 1 from paid_orders_view where id = ? and customer_id = ?)")
                .params(orderId, customerId)
                .query(Boolean.class)
                .single();
    }
}

package dev.retain.coupons;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coupons: issued by journeys or by hand, held, redeemed at a checkout, voided; and what each issuing source's coupons
 * cost. Redemption through imported orders happens on its own when commerce records them.
 */
@Service
public class Coupons {

    private static final int CUSTOMER_COUPONS_SHOWN = 200;

    private final CouponIssuing issuing;
    private final CheckoutRedemption checkout;
    private final IssuedCoupons coupons;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    Coupons(
            CouponIssuing issuing,
            CheckoutRedemption checkout,
            IssuedCoupons coupons,
            JdbcClient jdbc,
            AuditLog audit) {
        this.issuing = issuing;
        this.checkout = checkout;
        this.coupons = coupons;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Issues one coupon of the campaign to the customer. Idempotent: the same {@code issueKey} returns the coupon
     * issued the first time (and is a conflict when it names another campaign or customer). {@code sourceRef} says who
     * issued it, e.g. "journey:12:enrolment:345" or "manual:alice". Publishes {@link CouponIssued}.
     *
     * <p>Commits at once, in a transaction of its own: issuing locks the campaign's row to count against its budget, and
     * a caller's long transaction (a batch of journey steps) would hold that lock for all its length and make every
     * other issuer of the campaign wait. A caller that rolls back and tries again with the same key gets the same coupon.
     *
     * @throws CouponUnavailableException the campaign is paused, ended or over, its budget is used up, or the customer
     *     holds as many of its coupons as allowed; nothing was written
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public IssuedCoupon issue(long campaignId, long customerId, String issueKey, String sourceRef)
            throws CouponUnavailableException {
        return issuing.issue(campaignId, customerId, issueKey, sourceRef);
    }

    /**
     * Issues one coupon like {@link #issue}, within the caller's transaction: for a caller whose own short transaction
     * must issue the coupon and write its own records all or nothing (points spent on a coupon). Every check comes
     * before the first write, so a refusal leaves the caller's transaction as it was.
     *
     * @throws CouponUnavailableException as {@link #issue}; nothing was written
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public IssuedCoupon issueWithin(long campaignId, long customerId, String issueKey, String sourceRef)
            throws CouponUnavailableException {
        return issuing.issue(campaignId, customerId, issueKey, sourceRef);
    }

    /** A person issues a coupon to a customer: "manual:NAME" is the source; audited. */
    @Transactional
    public IssuedCoupon issueByHand(long campaignId, long customerId, String issueKey)
            throws CouponUnavailableException {
        String key = issueKey == null || issueKey.isBlank() ? "manual:" + UUID.randomUUID() : issueKey.strip();
        boolean repeated = coupons.byIssueKey(key).isPresent();
        IssuedCoupon coupon = issuing.issue(campaignId, customerId, key, "manual:" + AuditLog.currentActor());
        if (!repeated) {
            audit.record("issue", "coupon", coupon.id(), null, coupon);
        }
        return coupon;
    }

    /** The customer's valid, unredeemed coupons, soonest to expire first. */
    public List<IssuedCoupon> heldBy(long customerId) {
        return coupons.heldBy(customerId);
    }

    /** The coupon with this code, typed in any case, with or without spaces and dashes. */
    public Optional<IssuedCoupon> find(String code) {
        return coupons.byCode(code);
    }

    /** The customer's coupons of every status, newest first. */
    public List<CouponDetails> ofCustomer(long customerId) {
        return coupons.ofCustomer(customerId, CUSTOMER_COUPONS_SHOWN);
    }

    public PageOf<CouponDetails> ofCampaign(long campaignId, int page, int size) {
        return coupons.ofCampaign(campaignId, page, size);
    }

    /**
     * Redeems the coupon on an order of {@code orderAmount} (base currency) at a checkout. {@code orderId}, when given,
     * must be a paid order of the coupon's customer; {@code customerId}, when given, must be the coupon's holder.
     * Publishes {@link CouponRedeemed}.
     *
     * @throws CouponUnavailableException redeemed already, expired, void, not yet valid, below the minimum spend, or
     *     another customer's; nothing was written
     */
    @Transactional
    public Redemption redeem(String code, BigDecimal orderAmount, Long orderId, Long customerId)
            throws CouponUnavailableException {
        return checkout.redeem(code, orderAmount, orderId, customerId);
    }

    /** Takes an unredeemed coupon back; it no longer counts against the campaign's budget. Audited. */
    @Transactional
    public IssuedCoupon voidCoupon(String code) {
        IssuedCoupon before = find(code).orElseThrow(() -> new NotFoundException("coupon", code));
        int voided = jdbc.sql("update coupons set status = 'VOID' where id = ? and status in ('ISSUED', 'EXPIRED')")
                .param(before.id())
                .update();
        if (voided == 0) {
            throw new ConflictException("a " + before.status().toLowerCase() + " coupon cannot be voided");
        }
        jdbc.sql("update coupon_campaigns set issued = issued - 1 where id = ? and budget is not null")
                .param(before.campaignId())
                .update();
        IssuedCoupon after = coupons.byId(before.id()).orElseThrow();
        audit.record("void", "coupon", before.id(), before, after);
        return after;
    }

    /** What the coupons issued by sources starting with {@code sourceRefPrefix} (e.g. "journey:12:") cost. */
    public CouponCost costOf(String sourceRefPrefix) {
        String pattern =
                sourceRefPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select count(*) filter (where status <> 'VOID'), count(*) filter (where status = 'REDEEMED'),
                               coalesce(sum(discount) filter (where status = 'REDEEMED'), 0)
                        from coupons where source_ref like ?""")
                .param(pattern)
                .query((rs, row) -> new CouponCost(
                        rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), CouponCampaigns.BASE_CURRENCY))
                .single();
    }
}

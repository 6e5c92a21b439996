package dev.retain.coupons;

import dev.retain.coupons.CouponUnavailableException.Reason;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues one coupon. For a campaign with a budget, the campaign's row is locked for the rest of the transaction, so
 * concurrent issues take turns and the budget holds exactly; without a budget, issues go side by side and only those
 * for the same customer take turns, which keeps the per-customer limit. Every check comes before the first write, so a
 * refusal leaves the caller's transaction untouched.
 */
@Component
class CouponIssuing {

    private static final int CODE_ATTEMPTS = 5;
    /** Keys are looked up in a unique index, which holds short values only. */
    static final int MAX_KEY_CHARACTERS = 200;

    private final JdbcClient jdbc;
    private final CouponCampaigns campaigns;
    private final IssuedCoupons coupons;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CompanyZone zone;

    CouponIssuing(
            JdbcClient jdbc,
            CouponCampaigns campaigns,
            IssuedCoupons coupons,
            ApplicationEventPublisher events,
            Clock clock,
            CompanyZone zone) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.coupons = coupons;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    @Transactional
    IssuedCoupon issue(long campaignId, long customerId, String issueKey, String sourceRef)
            throws CouponUnavailableException {
        if (issueKey == null || issueKey.isBlank()) {
            throw new InvalidInputException("issueKey", "required, to issue at most once per key");
        }
        if (issueKey.length() > MAX_KEY_CHARACTERS) {
            throw new InvalidInputException("issueKey", "at most " + MAX_KEY_CHARACTERS + " characters");
        }
        if (sourceRef == null || sourceRef.isBlank()) {
            throw new InvalidInputException("sourceRef", "required, e.g. journey:12:enrolment:345");
        }
        Optional<IssuedCoupon> earlier = coupons.byIssueKey(issueKey);
        if (earlier.isPresent()) {
            return sameRequest(earlier.get(), campaignId, customerId);
        }
        // a plain read chooses the lock: taking a share lock first and then the exclusive one could deadlock
        CouponCampaign campaign = campaigns.find(campaignId);
        if (campaign.budget() != null) {
            campaign = campaigns.lock(campaignId);
        } else {
            campaign = campaigns.lockShared(campaignId);
            if (campaign.budget() != null) {
                throw new ConflictException("the campaign's budget was set a moment ago; issue again");
            }
            // the per-customer limit: one issue at a time for this customer and campaign
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('coupon-issue:' || ? || ':' || ?, 0))")
                    .params(campaignId, customerId)
                    .query(rs -> {});
        }
        earlier = coupons.byIssueKey(issueKey);
        if (earlier.isPresent()) {
            return sameRequest(earlier.get(), campaignId, customerId);
        }
        requireCustomer(customerId);
        Instant now = clock.instant();
        requireIssuable(campaign, customerId, now);
        Instant expiresAt = Validity.expiresAt(campaign, now, zone.zone());
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            Optional<Long> id = insert(campaign.id(), customerId, issueKey, sourceRef, now, expiresAt);
            if (id.isPresent()) {
                jdbc.sql("update coupon_campaigns set issued = issued + 1 where id = ? and budget is not null")
                        .param(campaign.id())
                        .update();
                events.publishEvent(new CouponIssued(id.get(), campaign.id(), customerId, sourceRef));
                return coupons.byId(id.get()).orElseThrow();
            }
            earlier = coupons.byIssueKey(issueKey);
            if (earlier.isPresent()) {
                // issued meanwhile from another campaign under the same key
                return sameRequest(earlier.get(), campaignId, customerId);
            }
        }
        throw new IllegalStateException("no free coupon code after " + CODE_ATTEMPTS + " attempts");
    }

    private void requireIssuable(CouponCampaign campaign, long customerId, Instant now)
            throws CouponUnavailableException {
        if (campaign.status() == CampaignStatus.PAUSED) {
            throw new CouponUnavailableException(Reason.CAMPAIGN_PAUSED, "the campaign is paused");
        }
        if (campaign.status() == CampaignStatus.ENDED) {
            throw new CouponUnavailableException(Reason.CAMPAIGN_ENDED, "the campaign has ended");
        }
        if (Validity.over(campaign, now, zone.zone())) {
            throw new CouponUnavailableException(
                    Reason.CAMPAIGN_OVER, "the campaign ran until " + campaign.validUntil());
        }
        if (campaign.budget() != null && campaign.issued() >= campaign.budget()) {
            throw new CouponUnavailableException(
                    Reason.BUDGET_USED_UP, "all " + campaign.budget() + " coupons of the campaign are issued");
        }
        long held = jdbc.sql(
                        "select count(*) from coupons where campaign_id = ? and customer_id = ? and status <> 'VOID'")
                .params(campaign.id(), customerId)
                .query(Long.class)
                .single();
        if (held >= campaign.perCustomerLimit()) {
            throw new CouponUnavailableException(
                    Reason.CUSTOMER_LIMIT_REACHED,
                    "the customer already has " + held + " coupon(s) of the campaign, the most allowed");
        }
    }

    private Optional<Long> insert(
            long campaignId, long customerId, String issueKey, String sourceRef, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                        insert into coupons (campaign_id, customer_id, code, issue_key, source_ref, status, issued_at,
                                             expires_at)
                        values (?, ?, ?, ?, ?, 'ISSUED', ?, ?)
                        on conflict do nothing returning id""")
                .params(
                        campaignId,
                        customerId,
                        CouponCodes.next(),
                        issueKey,
                        sourceRef,
                        Timestamp.from(now),
                        Timestamp.from(expiresAt))
                .query(Long.class)
                .optional();
    }

    private void requireCustomer(long customerId) {
        boolean exists = jdbc.sql("select exists (select 1 from customer_profiles_view where id = ?)")
                .param(customerId)
                .query(Boolean.class)
                .single();
        if (!exists) {
            throw new NotFoundException("customer", customerId);
        }
    }

    /** An issue key names one request: asking again returns its coupon, asking it for something else is a clash. */
    private static IssuedCoupon sameRequest(IssuedCoupon earlier, long campaignId, long customerId) {
        if (earlier.campaignId() != campaignId || earlier.customerId() != customerId) {
            throw new ConflictException("the issue key was used for coupon " + earlier.id() + " of campaign "
                    + earlier.campaignId() + " for customer " + earlier.customerId());
        }
        return earlier;
    }
}

package dev.retain.loyalty;

import dev.retain.coupons.CouponUnavailableException;
import dev.retain.coupons.Coupons;
import dev.retain.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tiers react after the commit: a change of the tiers places every member again (moving up where they now qualify),
 * and each upgrade brings the welcome coupon of the tier reached — once per upgrade, by the idempotency key
 * {@code loyalty-tier:<customer>:<history id>}, however often the reaction is retried.
 */
@Component
class TiersFollow {

    private static final Logger log = LoggerFactory.getLogger(TiersFollow.class);

    private final TierReview review;
    private final Coupons coupons;
    private final JdbcClient jdbc;

    TiersFollow(TierReview review, Coupons coupons, JdbcClient jdbc) {
        this.review = review;
        this.coupons = coupons;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(TierProgrammeChanged change) {
        review.upgrade(null);
    }

    @ApplicationModuleListener
    void on(TiersChanged changed) {
        for (TierChange change : changed.changes()) {
            if (change.direction() != TierDirection.UP || change.toTierId() == null) {
                continue;
            }
            Long campaign = jdbc.sql(
                            "select welcome_campaign_id from loyalty_tiers where id = ? and welcome_campaign_id is not null")
                    .param(change.toTierId())
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (campaign == null) {
                continue;
            }
            try {
                coupons.issue(
                        campaign,
                        change.customerId(),
                        "loyalty-tier:" + change.customerId() + ":" + change.historyId(),
                        "loyalty:tier:" + change.toTierId());
            } catch (CouponUnavailableException | NotFoundException e) {
                log.warn(
                        "No welcome coupon of campaign {} for customer {} reaching tier {}: {}",
                        campaign,
                        change.customerId(),
                        change.to(),
                        e.getMessage());
            }
        }
    }
}

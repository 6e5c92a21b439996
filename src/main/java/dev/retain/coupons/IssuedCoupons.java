package dev.retain.coupons;

import dev.retain.platform.PageOf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads coupons with their campaign's description. An issued coupon past its expiry reads EXPIRED even before the
 * nightly job marks it, so no one is offered a coupon that no longer works.
 */
@Component
class IssuedCoupons {

    private static final String SELECT = """
            select c.id, c.campaign_id, c.customer_id, c.code,
                   case when c.status = 'ISSUED' and c.expires_at <= :now then 'EXPIRED' else c.status end as status,
                   c.issued_at, c.expires_at, c.redeemed_at, c.source_ref, c.order_id, c.discount,
                   k.description, k.kind, k.amount, k.percent, k.max_discount, k.min_spend, k.currency
            from coupons c join coupon_campaigns k on k.id = c.campaign_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    IssuedCoupons(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<IssuedCoupon> byId(long id) {
        return jdbc.sql(SELECT + "where c.id = :id")
                .param("id", id)
                .param("now", now())
                .query(IssuedCoupons::coupon)
                .optional();
    }

    Optional<IssuedCoupon> byCode(String code) {
        return jdbc.sql(SELECT + "where c.code = :code")
                .param("code", CouponCodes.normalise(code))
                .param("now", now())
                .query(IssuedCoupons::coupon)
                .optional();
    }

    Optional<IssuedCoupon> byIssueKey(String issueKey) {
        return jdbc.sql(SELECT + "where c.issue_key = :key")
                .param("key", issueKey)
                .param("now", now())
                .query(IssuedCoupons::coupon)
                .optional();
    }

    /** Valid and unredeemed, soonest to expire first. */
    List<IssuedCoupon> heldBy(long customerId) {
        return jdbc.sql(SELECT + "where c.customer_id = :customer and c.status = 'ISSUED' and c.expires_at > :now"
                        + " order by c.expires_at, c.id")
                .param("customer", customerId)
                .param("now", now())
                .query(IssuedCoupons::coupon)
                .list();
    }

    /** The customer's coupons of every status, newest first. */
    List<CouponDetails> ofCustomer(long customerId, int limit) {
        return jdbc.sql(SELECT + "where c.customer_id = :customer order by c.issued_at desc, c.id desc limit :limit")
                .param("customer", customerId)
                .param("limit", limit)
                .param("now", now())
                .query(IssuedCoupons::details)
                .list();
    }

    PageOf<CouponDetails> ofCampaign(long campaignId, int page, int size) {
        List<CouponDetails> items = jdbc.sql(SELECT
                        + "where c.campaign_id = :campaign order by c.issued_at desc, c.id desc"
                        + " limit :size offset :offset")
                .param("campaign", campaignId)
                .param("size", size)
                .param("offset", (long) page * size)
                .param("now", now())
                .query(IssuedCoupons::details)
                .list();
        long total = jdbc.sql("select count(*) from coupons where campaign_id = ?")
                .param(campaignId)
                .query(Long.class)
                .single();
        return new PageOf<>(items, page, size, total);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static CouponDetails details(ResultSet rs, int row) throws SQLException {
        return new CouponDetails(coupon(rs, row), rs.getObject("order_id", Long.class), rs.getBigDecimal("discount"));
    }

    private static IssuedCoupon coupon(ResultSet rs, int row) throws SQLException {
        String description = rs.getString("description");
        if (description == null || description.isBlank()) {
            description = new CouponTerms(
                            CampaignKind.valueOf(rs.getString("kind")),
                            rs.getBigDecimal("amount"),
                            rs.getBigDecimal("percent"),
                            rs.getBigDecimal("max_discount"),
                            rs.getBigDecimal("min_spend"),
                            rs.getString("currency").strip())
                    .describe();
        }
        return new IssuedCoupon(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getLong("customer_id"),
                rs.getString("code"),
                rs.getString("status"),
                instant(rs, "issued_at"),
                instant(rs, "expires_at"),
                instant(rs, "redeemed_at"),
                description,
                rs.getString("source_ref"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

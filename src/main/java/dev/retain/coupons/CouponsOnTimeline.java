package dev.retain.coupons;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Coupons on the customer's timeline: issued, redeemed (with the discount) and expired. */
@Component
class CouponsOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;
    private final Clock clock;

    CouponsOnTimeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "coupon";
    }

    @Override
    public int order() {
        return 30;
    }

    /**
     * A coupon is redeemed or expires after it was issued, so only coupons issued before the cursor can give entries:
     * those are found through {@code coupons_customer_idx} (a customer holds few; campaigns limit them per customer).
     */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        Timestamp cursor = Timestamp.from(before);
        return jdbc.sql("""
                        select x.type, x.at, c.code, c.campaign_id, k.name, c.discount
                        from coupons c join coupon_campaigns k on k.id = c.campaign_id
                        cross join lateral (values
                            ('issued', c.issued_at),
                            ('redeemed', c.redeemed_at),
                            ('expired', case when c.status = 'EXPIRED' or (c.status = 'ISSUED' and c.expires_at <= ?)
                                             then c.expires_at end)) as x(type, at)
                        where c.customer_id = ? and c.issued_at < ? and x.at < ?
                        order by x.at desc, c.id desc limit ?""")
                .params(Timestamp.from(clock.instant()), customerId, cursor, cursor, limit)
                .query((rs, row) -> {
                    String type = rs.getString(1);
                    BigDecimal discount = rs.getBigDecimal(6);
                    Object second = type.equals("redeemed")
                            ? CouponCampaigns.BASE_CURRENCY + " "
                                    + (discount == null ? "0.00" : discount.toPlainString())
                            : rs.getString(5);
                    return TimelineEntry.of(
                            rs.getTimestamp(2).toInstant(),
                            kind(),
                            type,
                            type.equals("issued") ? null : rs.getString(5),
                            "/coupons/" + rs.getLong(4),
                            rs.getString(3),
                            second);
                })
                .list();
    }
}

package dev.retain.coupons;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems, in one statement, the coupons whose codes appear on their customers' paid orders: the shop accepted the
 * code at its checkout, so the order is the redemption (its minimum spend was the shop's to check). A coupon counts
 * when the order was placed before it expired — also when the order is imported after the nightly expiry marked it,
 * for up to {@link #LATE_IMPORT} — with the order's time as redemption time and the earliest such order. A coupon
 * redeemed through the API without an order learns its order the same way.
 */
@Component
class OrderRedemptions {

    /** How long after expiry an order carrying the code may still arrive and count. */
    static final Duration LATE_IMPORT = Duration.ofDays(90);

    /** The discount as {@link CouponTerms#discountOn} computes it, on the order's base amount. */
    private static final String DISCOUNT = """
            least(o.base_amount, case when k.kind = 'FIXED' then k.amount
                                      else least(round(o.base_amount * k.percent / 100, 2),
                                                 coalesce(k.max_discount, o.base_amount)) end)""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrderRedemptions(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Redeems for these customers' orders, or for everyone's when {@code customerIds} is null (a large import). */
    @Transactional
    List<CouponRedeemed> redeemFromOrders(List<Long> customerIds) {
        String ofCustomers = customerIds == null ? "" : "and c.customer_id = any(:ids)";
        Long[] ids = customerIds == null ? new Long[0] : customerIds.toArray(Long[]::new);
        List<CouponRedeemed> redeemed = jdbc.sql("""
                        with used as (
                            select distinct on (c.id) c.id, o.id as order_id, o.ordered_at, %s as discount
                            from coupons c
                            join coupon_campaigns k on k.id = c.campaign_id
                            join paid_orders_view o on o.customer_id = c.customer_id
                                                   and upper(replace(o.coupon_code, ' ', '')) = c.code
                            where (c.status = 'ISSUED' or (c.status = 'EXPIRED' and c.expires_at > :lateSince))
                              and o.ordered_at < c.expires_at %s
                            order by c.id, o.ordered_at, o.id)
                        update coupons c set status = 'REDEEMED', redeemed_at = u.ordered_at, order_id = u.order_id,
                                             discount = u.discount
                        from used u
                        where c.id = u.id and c.status in ('ISSUED', 'EXPIRED')
                        returning c.id, c.campaign_id, c.customer_id, c.order_id, c.discount, c.source_ref""".formatted(DISCOUNT, ofCustomers))
                .params(parameters(ids))
                .query((rs, row) -> new CouponRedeemed(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getBigDecimal(5),
                        rs.getString(6)))
                .list();
        jdbc.sql("""
                        update coupons c set order_id = o.order_id
                        from (select distinct on (c.id) c.id, o.id as order_id
                              from coupons c
                              join paid_orders_view o on o.customer_id = c.customer_id
                                                     and upper(replace(o.coupon_code, ' ', '')) = c.code
                              where c.status = 'REDEEMED' and c.order_id is null %s
                              order by c.id, o.ordered_at, o.id) o
                        where c.id = o.id and c.order_id is null""".formatted(ofCustomers)).params(parameters(ids)).update();
        redeemed.forEach(events::publishEvent);
        return redeemed;
    }

    private Map<String, Object> parameters(Long[] ids) {
        return Map.of("ids", ids, "lateSince", Timestamp.from(clock.instant().minus(LATE_IMPORT)));
    }
}

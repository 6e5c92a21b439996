package dev.retain.loyalty;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The qualifying value of members over the rolling window, as SQL ({@code customer_id, value}; members without any
 * have no row): for {@link TierBasis#POINTS} the points of awards earned in the window that are spendable now (a
 * pending award whose days are over counts, one still pending does not), each order's less what its refunds took back;
 * redemptions, expiry and adjustments taking points never lower it. For {@link TierBasis#SPEND} the paid orders'
 * amount in the base currency, for {@link TierBasis#ORDERS} their number, placed in the window.
 */
final class TierQualification {

    private TierQualification() {}

    /** The first day of the window ending today. */
    static LocalDate windowStart(LocalDate today, int windowMonths) {
        return today.minusMonths(windowMonths).plusDays(1);
    }

    /**
     * SQL of the values. {@code from}: an SQL date expression, the window's first day; {@code now}: a timestamptz
     * expression; {@code scope}: restricts a customer-id column to the members in question.
     */
    static String values(TierBasis basis, String from, String now, ZoneId zone, Scope scope) {
        return switch (basis) {
            case POINTS -> """
                    select g.customer_id,
                           sum(greatest(0, g.spendable - greatest(0, g.total - coalesce(p.points, g.total)))) as value
                    from (select l.customer_id, l.order_id,
                                 coalesce(sum(l.points) filter (where l.state = 'ACTIVE' or l.available_at <= %2$s), 0)
                                     as spendable,
                                 sum(l.points) as total
                          from loyalty_lots l
                          where l.earned_on >= %1$s and not l.returned and %3$s
                          group by l.customer_id, l.order_id) g
                    left join loyalty_order_points p on p.customer_id = g.customer_id and p.order_id = g.order_id
                    group by g.customer_id""".formatted(from, now, scope.of("l.customer_id"));
            case SPEND, ORDERS ->
                """
                    select o.customer_id, %4$s as value
                    from paid_orders_view o
                    where o.ordered_at >= (%1$s)::timestamp at time zone '%5$s' and o.ordered_at <= %2$s and %3$s
                    group by o.customer_id""".formatted(
                                from,
                                now,
                                scope.of("o.customer_id"),
                                basis == TierBasis.SPEND ? "sum(o.base_amount)" : "count(*)",
                                zone.getId().replace("'", ""));
        };
    }

    /** Restricts a customer-id column to the members in question. */
    interface Scope {
        String of(String column);
    }
}

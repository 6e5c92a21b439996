package dev.retain.analytics;

import dev.retain.platform.CompanyZone;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the KPIs of a period and of the period before it. The orders of three periods (the one before the previous
 * too, for the previous retention) are read once through the time index and grouped per customer; the first-order dates
 * come from {@code analytics_buyers}, so no query scans the whole order history.
 */
@Component
public class Kpis {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    Kpis(JdbcClient jdbc, CompanyZone zone) {
        this.jdbc = jdbc;
        this.zone = zone.zone();
    }

    public KpiReport report(Period period, CustomerScope scope) {
        Period previous = period.previous();
        PeriodFigures[] figures = periodFigures(previous.previous(), previous, period, scope);
        ScoreFigures scores = scoreFigures(scope);
        List<KpiReport.Row> rows = new ArrayList<>();
        for (Kpi kpi : Kpi.values()) {
            Number current = kpi.value(figures[1], scores);
            Number before = kpi.comparable() ? kpi.value(figures[0], scores) : null;
            rows.add(KpiReport.Row.of(kpi, current, before));
        }
        return new KpiReport(period, previous, scope, rows);
    }

    /** The figures of {@code previous} and {@code current} (in that order); {@code beforePrevious} is their base. */
    PeriodFigures[] periodFigures(Period beforePrevious, Period previous, Period current, CustomerScope scope) {
        Instant s0 = beforePrevious.start(zone);
        Instant s1 = previous.start(zone);
        Instant s2 = current.start(zone);
        Instant end = current.end(zone);
        ScopedSql sql = new ScopedSql(scope)
                .param("factsFrom", Timestamp.from(s0))
                .param("factsTo", Timestamp.from(end))
                .param("s1", Timestamp.from(s1))
                .param("s2", Timestamp.from(s2));
        PeriodFigures[] rows = jdbc.sql("""
                        with facts as (%s),
                        per_customer as (
                            select customer_id,
                                   count(*) filter (where ordered_at < :s1) as o0,
                                   count(*) filter (where ordered_at >= :s1 and ordered_at < :s2) as o1,
                                   count(*) filter (where ordered_at >= :s2) as o2,
                                   coalesce(sum(amount) filter (where ordered_at >= :s1 and ordered_at < :s2), 0) as r1,
                                   coalesce(sum(amount) filter (where ordered_at >= :s2), 0) as r2
                            from facts group by customer_id),
                        joined as (
                            select p.*, b.first_order_at from per_customer p
                            left join analytics_buyers b on b.customer_id = p.customer_id)
                        select count(*) filter (where o1 > 0), count(*) filter (where o2 > 0),
                               count(*) filter (where o1 > 0 and (first_order_at is null or first_order_at >= :s1)),
                               count(*) filter (where o2 > 0 and (first_order_at is null or first_order_at >= :s2)),
                               count(*) filter (where o0 > 0), count(*) filter (where o0 > 0 and o1 > 0),
                               count(*) filter (where o1 > 0 and o2 > 0),
                               count(*) filter (where o1 >= 2), count(*) filter (where o2 >= 2),
                               coalesce(sum(o1), 0), coalesce(sum(o2), 0), coalesce(sum(r1), 0), coalesce(sum(r2), 0),
                               coalesce(sum(r1) filter (where first_order_at is null or first_order_at >= :s1), 0),
                               coalesce(sum(r2) filter (where first_order_at is null or first_order_at >= :s2), 0)
                        from joined""".formatted(sql.facts()))
                .params(sql.params())
                .query((rs, n) -> new PeriodFigures[] {
                    new PeriodFigures(
                            rs.getLong(1),
                            rs.getLong(3),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(8),
                            rs.getLong(10),
                            rs.getBigDecimal(12),
                            rs.getBigDecimal(14),
                            0,
                            BigDecimal.ZERO),
                    new PeriodFigures(
                            rs.getLong(2),
                            rs.getLong(4),
                            rs.getLong(1),
                            rs.getLong(7),
                            rs.getLong(9),
                            rs.getLong(11),
                            rs.getBigDecimal(13),
                            rs.getBigDecimal(15),
                            0,
                            BigDecimal.ZERO)
                })
                .single();
        LifetimeSpend atPreviousEnd = lifetimeSpend(previous.end(zone), scope);
        LifetimeSpend atCurrentEnd = lifetimeSpend(end, scope);
        return new PeriodFigures[] {withLifetime(rows[0], atPreviousEnd), withLifetime(rows[1], atCurrentEnd)};
    }

    private record LifetimeSpend(long buyers, BigDecimal revenue) {}

    private static PeriodFigures withLifetime(PeriodFigures f, LifetimeSpend spend) {
        return new PeriodFigures(
                f.activeCustomers(),
                f.newCustomers(),
                f.previousActive(),
                f.retained(),
                f.repeatCustomers(),
                f.orders(),
                f.revenue(),
                f.newCustomerRevenue(),
                spend.buyers(),
                spend.revenue());
    }

    /**
     * Buyers before {@code end} and what they spent before it. Without a category this is everyone's lifetime spend
     * less what was ordered from {@code end} on (read through the time index); with one, the category's lines are summed.
     */
    private LifetimeSpend lifetimeSpend(Instant end, CustomerScope scope) {
        ScopedSql sql = new ScopedSql(scope)
                .param("factsFrom", Timestamp.from(Instant.EPOCH))
                .param("factsTo", Timestamp.from(end))
                .param("end", Timestamp.from(end));
        String query = scope.category() != null
                ? "select count(distinct customer_id), coalesce(sum(amount), 0) from (%s) f".formatted(sql.facts())
                : """
                        select (select count(*) from analytics_buyers where first_order_at < :end and %1$s),
                               (select coalesce(sum(revenue), 0) from analytics_buyers where %1$s)
                             - (select coalesce(sum(base_amount), 0) from paid_orders_view where ordered_at >= :end and %1$s)""".formatted(sql.customers("customer_id"));
        return jdbc.sql(query)
                .params(sql.params())
                .query((rs, n) -> new LifetimeSpend(rs.getLong(1), rs.getBigDecimal(2)))
                .single();
    }

    ScoreFigures scoreFigures(CustomerScope scope) {
        ScopedSql sql = new ScopedSql(scope);
        return jdbc.sql("""
                        select (select round(avg(predicted_clv), 2) from customer_scores_view
                                where predicted_clv is not null and %1$s),
                               (select count(*) from customer_scores_view where churn_band = 'HIGH' and %1$s),
                               (select sum(b.revenue_365d) filter (where s.churn_band = 'HIGH') / nullif(sum(b.revenue_365d), 0)
                                from analytics_buyers b left join customer_scores_view s on s.customer_id = b.customer_id
                                where %2$s)""".formatted(sql.customers("customer_id"), sql.customers("b.customer_id")))
                .params(sql.params())
                .query((rs, n) -> new ScoreFigures(
                        rs.getBigDecimal(1), rs.getLong(2), rs.getObject(3) == null ? null : rs.getDouble(3)))
                .single();
    }
}

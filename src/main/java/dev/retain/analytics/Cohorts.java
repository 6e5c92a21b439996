package dev.retain.analytics;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ViewerScope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cohort retention. For the whole customer base the matrix is precomputed in {@code analytics_cohorts} (rebuilt after
 * order changes, see {@link AnalyticsRefresh}); for a narrowed scope it is computed on request from the orders since the
 * first cohort.
 */
@Component
public class Cohorts {

    /** Month of a time, and months between two months, in the company's time zone. */
    private static final String MONTH = "date_trunc('month', %s at time zone :zone)::date";

    private static final String MONTHS_SINCE =
            "((extract(year from om) - extract(year from cm)) * 12 + extract(month from om) - extract(month from cm))::int";

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final Clock clock;

    Cohorts(JdbcClient jdbc, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.zone = zone.zone();
        this.clock = clock;
    }

    /** Cohorts shown: at least this many months, up to the period's last month. */
    static final int MIN_COHORTS = 12;

    /**
     * The cohorts acquired in the months the period touches (or the {@value #MIN_COHORTS} months up to its end, if more),
     * each followed up to this month.
     */
    public CohortMatrix matrix(Period period, CustomerScope scope) {
        LocalDate lastMonth = period.last().withDayOfMonth(1);
        LocalDate firstMonth = period.first().withDayOfMonth(1);
        if (firstMonth.isAfter(lastMonth.minusMonths(MIN_COHORTS - 1))) {
            firstMonth = lastMonth.minusMonths(MIN_COHORTS - 1);
        }
        Map<LocalDate, Long> sizes = new TreeMap<>();
        Map<LocalDate, Map<Integer, Object[]>> cells = new HashMap<>();
        Instant builtAt;
        // the precomputed matrix counts everyone: a viewer who may see only some customers gets theirs computed
        if (scope.isEveryone() && ViewerScope.current().everything()) {
            builtAt = jdbc.sql("select cohorts_at from analytics_refreshes")
                    .query(Instant.class)
                    .optional()
                    .orElse(null);
            jdbc.sql("""
                            select cohort_month, months_since, customers, revenue from analytics_cohorts
                            where cohort_month between ? and ? order by 1, 2""").params(firstMonth, lastMonth).query(rs -> {
                LocalDate month = rs.getObject(1, LocalDate.class);
                if (rs.getInt(2) == 0) {
                    sizes.put(month, rs.getLong(3));
                }
                cells.computeIfAbsent(month, m -> new HashMap<>())
                        .put(rs.getInt(2), new Object[] {rs.getLong(3), rs.getBigDecimal(4)});
            });
        } else {
            builtAt = null;
            computeScoped(firstMonth, lastMonth, scope, sizes, cells);
        }
        return assemble(sizes, cells, builtAt);
    }

    private void computeScoped(
            LocalDate firstMonth,
            LocalDate lastMonth,
            CustomerScope scope,
            Map<LocalDate, Long> sizes,
            Map<LocalDate, Map<Integer, Object[]>> cells) {
        Instant from = firstMonth.atStartOfDay(zone).toInstant();
        Instant to = lastMonth.plusMonths(1).atStartOfDay(zone).toInstant();
        ScopedSql sql = new ScopedSql(scope)
                .param("zone", zone.getId())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("factsFrom", Timestamp.from(from))
                .param("factsTo", Timestamp.from(Instant.parse("9999-01-01T00:00:00Z")));
        jdbc.sql("""
                        select %s as cm, count(*) from analytics_buyers
                        where first_order_at >= :from and first_order_at < :to and %s group by 1""".formatted(MONTH.formatted("first_order_at"), sql.customers("customer_id")))
                .params(sql.params())
                .query(rs -> {
                    sizes.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                });
        jdbc.sql("""
                        with cohort as (
                            select customer_id, %1$s as cm from analytics_buyers
                            where first_order_at >= :from and first_order_at < :to and %2$s),
                        monthly as (
                            select f.customer_id, %3$s as om, sum(f.amount) as revenue from (%4$s) f
                            where f.customer_id in (select customer_id from cohort) group by 1, 2)
                        select cm, %5$s, count(*), sum(revenue) from monthly join cohort using (customer_id)
                        where om >= cm group by 1, 2""".formatted(
                                MONTH.formatted("first_order_at"),
                                sql.customers("customer_id"),
                                MONTH.formatted("f.ordered_at"),
                                sql.facts(),
                                MONTHS_SINCE))
                .params(sql.params())
                .query(rs -> {
                    cells.computeIfAbsent(rs.getObject(1, LocalDate.class), m -> new HashMap<>())
                            .put(rs.getInt(2), new Object[] {rs.getLong(3), rs.getBigDecimal(4)});
                });
    }

    private CohortMatrix assemble(
            Map<LocalDate, Long> sizes, Map<LocalDate, Map<Integer, Object[]>> cells, Instant builtAt) {
        LocalDate thisMonth = LocalDate.now(clock.withZone(zone)).withDayOfMonth(1);
        List<CohortMatrix.Cohort> cohorts = new ArrayList<>();
        int maxMonthsSince = 0;
        for (Map.Entry<LocalDate, Long> cohort : sizes.entrySet()) {
            int months = (int) ChronoUnit.MONTHS.between(cohort.getKey(), thisMonth);
            maxMonthsSince = Math.max(maxMonthsSince, months);
            Map<Integer, Object[]> known = cells.getOrDefault(cohort.getKey(), Map.of());
            List<CohortMatrix.Cell> row = new ArrayList<>();
            for (int since = 0; since <= months; since++) {
                Object[] cell = known.get(since);
                long customers = cell == null ? 0 : (Long) cell[0];
                BigDecimal revenue = cell == null ? BigDecimal.ZERO : (BigDecimal) cell[1];
                double share = cohort.getValue() == 0 ? 0 : (double) customers / cohort.getValue();
                row.add(new CohortMatrix.Cell(since, customers, revenue, share));
            }
            cohorts.add(new CohortMatrix.Cohort(cohort.getKey(), cohort.getValue(), row));
        }
        return new CohortMatrix(cohorts, maxMonthsSince, builtAt);
    }

    /** Rebuilds the whole base's matrix from the buyers' first orders and their paid orders by month. */
    @Transactional
    public Instant rebuild() {
        Instant now = clock.instant();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('analytics_cohorts'))")
                .query()
                .singleValue();
        jdbc.sql("delete from analytics_cohorts").update();
        jdbc.sql("""
                        insert into analytics_cohorts (cohort_month, months_since, customers, revenue)
                        with monthly as (
                            select customer_id, %1$s as om, sum(base_amount) as revenue
                            from paid_orders_view group by 1, 2),
                        cohort as (select customer_id, %2$s as cm from analytics_buyers)
                        select cm, %3$s, count(*), sum(revenue) from monthly join cohort using (customer_id)
                        where om >= cm group by 1, 2""".formatted(MONTH.formatted("ordered_at"), MONTH.formatted("first_order_at"), MONTHS_SINCE))
                .param("zone", zone.getId())
                .update();
        jdbc.sql("update analytics_refreshes set cohorts_at = ?, cohorts_stale = false")
                .param(Timestamp.from(now))
                .update();
        return now;
    }
}

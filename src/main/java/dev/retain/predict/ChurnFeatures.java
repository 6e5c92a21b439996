package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the churn features of the definition's population as of a day in one SQL pass over orders, order lines,
 * events, custom field history, the loyalty ledger and tier moves, and tickets (through the views loyalty and the service
 * desk publish) before that
 * day — nothing on or after it, so a model trained on a past day learns nothing it could not have known then. A
 * labelled table also says who churned: a repeat buyer with no paid order in the {@code inactiveDays} from that day on;
 * a contract customer whose end date was not moved past the end before the grace days after it ran out.
 */
@Component
public class ChurnFeatures {

    /** Repeat buyers: two purchase days or more, the last within the lookback. */
    private static final String REPEAT_BUYERS = """
            with o as (
                select customer_id, ordered_at, base_amount, coupon_code is not null as coupon,
                       (ordered_at at time zone :zone)::date as day
                from paid_orders_view where ordered_at < :asOf),
            buyers as (%s
                having count(distinct day) >= 2 and max(ordered_at) >= :since),
            population as (select customer_id, tenure from buyers),
            """;

    /** Contract customers whose contract, as known before the day, ends within the horizon from it. */
    private static final String CONTRACTS_ENDING = """
            with contracts as (
                select customer_id, ends from (
                    select distinct on (customer_id) customer_id, %s as ends
                    from custom_field_history_view where field = :field and changed_at < :asOf
                    order by customer_id, changed_at desc) latest
                where ends >= cast(:day as date) and ends < cast(:day as date) + :horizon),
            population as (
                select k.customer_id, k.ends,
                       greatest(cast(:day as date) - (p.created_at at time zone :zone)::date, 0) as tenure
                from contracts k join customer_profiles_view p on p.id = k.customer_id),
            o as (
                select customer_id, ordered_at, base_amount, coupon_code is not null as coupon,
                       (ordered_at at time zone :zone)::date as day
                from paid_orders_view where ordered_at < :asOf and customer_id in (select customer_id from population)),
            buyers as (%s),
            """;

    private static final String ORDER_FIGURES = """
                select customer_id,
                       cast(:day as date) - max(day) as recency,
                       count(distinct day) as purchases,
                       sum(base_amount) as monetary,
                       cast(:day as date) - min(day) as tenure,
                       (max(day) - min(day))::float8 / nullif(count(distinct day) - 1, 0) as average_interval,
                       max(day) - (array_agg(distinct day order by day desc))[2] as last_interval,
                       count(*) filter (where ordered_at >= cast(:asOf as timestamptz) - interval '90 days') as orders_90,
                       count(*) filter (where ordered_at >= cast(:asOf as timestamptz) - interval '180 days'
                                          and ordered_at < cast(:asOf as timestamptz) - interval '90 days') as orders_previous_90,
                       avg(base_amount) as average_order_value,
                       avg(coupon::int) as coupon_share
                from o group by customer_id""";

    /** The features of the population: a customer without orders has zeros and a recency of their whole tenure. */
    private static final String FEATURES = """
            categories as (
                select customer_id, count(distinct category) as categories
                from paid_order_lines_view
                where ordered_at >= :since and ordered_at < :asOf and customer_id in (select customer_id from population)
                group by customer_id),
            refunds as (
                select customer_id, avg((status <> 'PAID')::int) as refund_share
                from orders_view where ordered_at < :asOf and customer_id in (select customer_id from population)
                group by customer_id),
            activity as (
                select customer_id,
                       count(*) filter (where occurred_at >= cast(:asOf as timestamptz) - interval '30 days') as events_30,
                       count(*) filter (where occurred_at < cast(:asOf as timestamptz) - interval '30 days') as events_previous_30
                from events_view where occurred_at >= cast(:asOf as timestamptz) - interval '60 days' and occurred_at < :asOf
                group by customer_id),
            points as (
                select customer_id,
                       sum(wallet_change) as balance,
                       sum(redeemed) filter (where at >= cast(:asOf as timestamptz) - interval '90 days') as redeemed_90,
                       sum(expired) filter (where at >= cast(:asOf as timestamptz) - interval '90 days') as expired_90,
                       cast(:day as date) - max((at at time zone :zone)::date) filter (where redeemed > 0)
                           as since_redemption
                from loyalty_movements_view
                where at < :asOf and customer_id in (select customer_id from population)
                group by customer_id),
            tiers as (
                select customer_id,
                       (array_agg(coalesce(to_rank + 1, 0) order by at desc))[1] as tier_level,
                       bool_or(direction = 'DOWN' and at >= cast(:asOf as timestamptz) - interval '180 days')
                           as moved_down
                from loyalty_tier_moves_view
                where at < :asOf and customer_id in (select customer_id from population)
                group by customer_id),
            service as (
                select customer_id,
                       count(*) filter (where created_at >= cast(:asOf as timestamptz) - interval '90 days') as tickets_90,
                       count(*) filter (where coalesce(solved_at, closed_at) is null
                                          or coalesce(solved_at, closed_at) >= :asOf) as open_tickets
                from service_tickets_view
                where created_at < :asOf and customer_id in (select customer_id from population)
                group by customer_id),
            reopens as (
                select customer_id, count(*) as reopened_180
                from service_ticket_reopens_view
                where at >= cast(:asOf as timestamptz) - interval '180 days' and at < :asOf
                  and customer_id in (select customer_id from population)
                group by customer_id)
            select p.customer_id, coalesce(b.recency, p.tenure), coalesce(b.purchases, 0), coalesce(b.monetary, 0),
                   greatest(b.tenure, p.tenure), coalesce(b.average_interval, 0),
                   coalesce(b.recency / greatest(b.average_interval, 1), 0), coalesce(b.last_interval, 0),
                   coalesce(b.orders_90, 0), coalesce(b.orders_previous_90, 0), coalesce(b.average_order_value, 0),
                   coalesce(c.categories, 0), coalesce(r.refund_share, 0), coalesce(b.coupon_share, 0),
                   coalesce(a.events_30, 0), coalesce(a.events_previous_30, 0),
                   0 as p_alive,
                   coalesce(w.balance, 0), coalesce(w.redeemed_90, 0), coalesce(w.expired_90, 0),
                   coalesce(w.since_redemption, greatest(b.tenure, p.tenure)),
                   coalesce(t.tier_level, 0), coalesce(t.moved_down::int, 0),
                   coalesce(s.tickets_90, 0), coalesce(s.open_tickets, 0), coalesce(ro.reopened_180, 0),
                   %s as churned
            from population p
            left join buyers b using (customer_id)
            left join categories c using (customer_id)
            left join refunds r using (customer_id)
            left join activity a using (customer_id)
            left join points w using (customer_id)
            left join tiers t using (customer_id)
            left join service s using (customer_id)
            left join reopens ro using (customer_id)
            order by p.customer_id""";

    private static final String NO_LATER_ORDER = """
            not exists (select 1 from paid_orders_view n where n.customer_id = p.customer_id
                        and n.ordered_at >= :asOf and n.ordered_at < :labelEnd)""";

    /** Not renewed: the end date was not moved past the end from the day until the grace after the end is over. */
    private static final String NOT_RENEWED = """
            not exists (select 1 from custom_field_history_view h where h.customer_id = p.customer_id
                        and h.field = :field and h.changed_at >= :asOf
                        and h.changed_at < ((p.ends + :grace + 1)::timestamp at time zone :zone)
                        and %s > p.ends)""";

    /** A history value as a date, null when it is not one (a field's values are checked on entry, not before). */
    private static String asDate(String column) {
        return "(case when " + column + " ~ '^\\d{4}-\\d{2}-\\d{2}$' then " + column + "::date end)";
    }

    private static String sql(ChurnBasis basis, boolean labelled) {
        if (basis == ChurnBasis.CONTRACT_RENEWAL) {
            return CONTRACTS_ENDING.formatted(asDate("value"), ORDER_FIGURES)
                    + FEATURES.formatted(labelled ? NOT_RENEWED.formatted(asDate("h.value")) : "null::boolean");
        }
        return REPEAT_BUYERS.formatted(ORDER_FIGURES) + FEATURES.formatted(labelled ? NO_LATER_ORDER : "null::boolean");
    }

    /** About this many buyers' histories go into the BG/NBD fit behind the P(alive) feature. */
    static final int FIT_SAMPLE = 200_000;

    private static final Logger log = LoggerFactory.getLogger(ChurnFeatures.class);

    private final JdbcClient streaming;
    private final PurchaseHistories histories;
    private final CompanyZone zone;

    ChurnFeatures(DataSource dataSource, PurchaseHistories histories, CompanyZone zone) {
        var fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(10_000);
        this.streaming = JdbcClient.create(fetching);
        this.histories = histories;
        this.zone = zone;
    }

    /**
     * The population the definition scores, with their features as of the start of {@code day}: repeat buyers who
     * ordered in the lookback, or customers whose contract ends within the horizon. Labelled when {@code labelled}.
     */
    public FeatureTable asOf(LocalDate day, ChurnSettings settings, boolean labelled) {
        long started = System.nanoTime();
        var rows = new Rows();
        streaming
                .sql(sql(settings.basis(), labelled))
                .param("zone", zone.zone().getId())
                .param("field", settings.contractField() == null ? "" : settings.contractField())
                .param("horizon", settings.inactiveDays())
                .param("grace", settings.graceDays())
                .param("day", Date.valueOf(day))
                .param("asOf", startOf(day))
                .param("since", startOf(day.minusDays(settings.lookbackDays())))
                .param("labelEnd", startOf(day.plusDays(settings.inactiveDays())))
                .query(rs -> {
                    float[] values = new float[FeatureTable.COLUMNS];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getFloat(i + 2);
                    }
                    rows.add(rs.getLong(1), values, rs.getBoolean(FeatureTable.COLUMNS + 2) ? 1 : 0);
                });
        FeatureTable table = rows.table(labelled);
        long queried = System.nanoTime();
        fillProbabilityAlive(table, day);
        log.info(
                "Churn features as of {}: {} customers, SQL {} ms, P(alive) {} ms",
                day,
                table.rows(),
                (queried - started) / 1_000_000,
                (System.nanoTime() - queried) / 1_000_000);
        return table;
    }

    /**
     * P(alive) from BG/NBD fitted on the purchases before {@code day} — fitted anew for each day, so that a past day's
     * features owe nothing to later purchases — on every k-th buyer (one-time buyers included): four parameters need
     * far fewer customers than a large company has. Each row's own history comes from its features.
     */
    private void fillProbabilityAlive(FeatureTable table, LocalDate day) {
        if (table.rows() == 0) {
            return;
        }
        int everyNth = Math.max(1, (int) Math.round(table.rows() / (FIT_SAMPLE / 2.0)));
        BgNbd model = BgNbd.fit(histories.sample(day.minusDays(1), TimeUnitOfFit.WEEKS, everyNth).stream()
                        .map(PurchaseHistories.CustomerHistory::history)
                        .toList())
                .model();
        for (int row = 0; row < table.rows(); row++) {
            if (table.value(row, ChurnFeature.PURCHASES) < 1) {
                // a contract customer who never ordered: the purchase model has nothing to say
                continue;
            }
            float tenure = table.value(row, ChurnFeature.TENURE_DAYS);
            // as of the day before: repeats, time from the first purchase to the last, and to the end of that day
            var history = new BgNbd.History(
                    (int) table.value(row, ChurnFeature.PURCHASES) - 1,
                    TimeUnitOfFit.WEEKS.of((long) (tenure - table.value(row, ChurnFeature.RECENCY_DAYS))),
                    TimeUnitOfFit.WEEKS.of((long) tenure - 1));
            table.values()[row * FeatureTable.COLUMNS + ChurnFeature.P_ALIVE.ordinal()] =
                    (float) model.probabilityAlive(history);
        }
    }

    private Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(zone.zone()).toInstant());
    }

    /** Growable columns, so a million rows cost a few arrays rather than a million objects. */
    private static final class Rows {
        private long[] ids = new long[1024];
        private float[] values = new float[1024 * FeatureTable.COLUMNS];
        private float[] churned = new float[1024];
        private int size;

        void add(long id, float[] row, float label) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                values = Arrays.copyOf(values, size * 2 * FeatureTable.COLUMNS);
                churned = Arrays.copyOf(churned, size * 2);
            }
            ids[size] = id;
            System.arraycopy(row, 0, values, size * FeatureTable.COLUMNS, FeatureTable.COLUMNS);
            churned[size] = label;
            size++;
        }

        FeatureTable table(boolean labelled) {
            return new FeatureTable(
                    Arrays.copyOf(ids, size),
                    Arrays.copyOf(values, size * FeatureTable.COLUMNS),
                    labelled ? Arrays.copyOf(churned, size) : null);
        }
    }
}

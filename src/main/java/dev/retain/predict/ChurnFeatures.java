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
 * Builds the churn features of every repeat buyer as of a day in one SQL pass over orders, order lines and events
 * before that day — nothing on or after it, so a model trained on a past day learns nothing it could not have known
 * then. A labelled table also says who churned: no paid order in the {@code inactiveDays} from that day on.
 */
@Component
public class ChurnFeatures {

    private static final String SQL = """
            with o as (
                select customer_id, ordered_at, base_amount, coupon_code is not null as coupon,
                       (ordered_at at time zone :zone)::date as day
                from paid_orders_view where ordered_at < :asOf),
            buyers as (
                select customer_id,
                       cast(:day as date) - max(day) as recency,
                       count(distinct day) as purchases,
                       sum(base_amount) as monetary,
                       cast(:day as date) - min(day) as tenure,
                       (max(day) - min(day))::float8 / (count(distinct day) - 1) as average_interval,
                       max(day) - (array_agg(distinct day order by day desc))[2] as last_interval,
                       count(*) filter (where ordered_at >= cast(:asOf as timestamptz) - interval '90 days') as orders_90,
                       count(*) filter (where ordered_at >= cast(:asOf as timestamptz) - interval '180 days'
                                          and ordered_at < cast(:asOf as timestamptz) - interval '90 days') as orders_previous_90,
                       avg(base_amount) as average_order_value,
                       avg(coupon::int) as coupon_share
                from o group by customer_id
                having count(distinct day) >= 2 and max(ordered_at) >= :since),
            categories as (
                select customer_id, count(distinct category) as categories
                from paid_order_lines_view
                where ordered_at >= :since and ordered_at < :asOf and customer_id in (select customer_id from buyers)
                group by customer_id),
            refunds as (
                select customer_id, avg((status <> 'PAID')::int) as refund_share
                from orders_view where ordered_at < :asOf and customer_id in (select customer_id from buyers)
                group by customer_id),
            activity as (
                select customer_id,
                       count(*) filter (where occurred_at >= cast(:asOf as timestamptz) - interval '30 days') as events_30,
                       count(*) filter (where occurred_at < cast(:asOf as timestamptz) - interval '30 days') as events_previous_30
                from events_view where occurred_at >= cast(:asOf as timestamptz) - interval '60 days' and occurred_at < :asOf
                group by customer_id)
            select b.customer_id, b.recency, b.purchases, b.monetary, b.tenure, b.average_interval,
                   b.recency / greatest(b.average_interval, 1), b.last_interval,
                   b.orders_90, b.orders_previous_90, b.average_order_value, coalesce(c.categories, 0),
                   coalesce(r.refund_share, 0), b.coupon_share, coalesce(a.events_30, 0), coalesce(a.events_previous_30, 0),
                   0 as p_alive, %s as churned
            from buyers b
            left join categories c using (customer_id)
            left join refunds r using (customer_id)
            left join activity a using (customer_id)
            order by b.customer_id""";

    private static final String CHURNED = """
            not exists (select 1 from paid_orders_view n where n.customer_id = b.customer_id
                        and n.ordered_at >= :asOf and n.ordered_at < :labelEnd)""";

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

    /** Repeat buyers as of the start of {@code day} who ordered in the lookback; labelled when {@code labelled}. */
    public FeatureTable asOf(LocalDate day, ChurnSettings settings, boolean labelled) {
        long started = System.nanoTime();
        var rows = new Rows();
        streaming
                .sql(SQL.formatted(labelled ? CHURNED : "null::boolean"))
                .param("zone", zone.zone().getId())
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

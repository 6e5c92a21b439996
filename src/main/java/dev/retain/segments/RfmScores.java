package dev.retain.segments;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RFM per customer — recency (days since the last paid order), frequency (paid orders), monetary (paid spend in the
 * base currency; refunded and cancelled orders count for nothing) — scored 1–5, placed in one of the 11
 * {@link RfmSegment}s and one of the 8 {@link ValueCell}s, all in one set-based statement. Each run keeps the current
 * scores and adds a history row for every customer whose segment or cell changed, so any date's picture can be
 * recovered.
 */
@Service
public class RfmScores {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CompanyZone zone;
    private final AuditLog audit;

    RfmScores(JdbcClient jdbc, Clock clock, CompanyZone zone, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
    }

    public RfmSettings settings() {
        return jdbc.sql("select method, window_days, r_cuts, f_cuts, m_cuts from rfm_settings")
                .query((rs, row) -> new RfmSettings(
                        rs.getString(1),
                        rs.getObject(2, Integer.class),
                        decimals(rs.getArray(3)),
                        decimals(rs.getArray(4)),
                        decimals(rs.getArray(5))))
                .single();
    }

    @Transactional
    public RfmSettings update(RfmSettings settings) {
        var problems = new LinkedHashMap<String, String>();
        if (!RfmSettings.QUINTILES.equals(settings.method()) && !RfmSettings.THRESHOLDS.equals(settings.method())) {
            problems.put("method", "must be QUINTILES or THRESHOLDS");
        }
        if (settings.windowDays() != null && settings.windowDays() <= 0) {
            problems.put("window_days", "must be above 0, or empty for all orders");
        }
        checkCuts("recency_cuts", settings.recencyCuts(), problems);
        checkCuts("frequency_cuts", settings.frequencyCuts(), problems);
        checkCuts("monetary_cuts", settings.monetaryCuts(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        RfmSettings before = settings();
        jdbc.sql("""
                        update rfm_settings set method = :method, window_days = :window,
                            r_cuts = cast(:r as numeric[]), f_cuts = cast(:f as numeric[]),
                            m_cuts = cast(:m as numeric[]), updated_by = :by, updated_at = :at""")
                .param("method", settings.method())
                .param("window", settings.windowDays())
                .param("r", arrayText(settings.recencyCuts()))
                .param("f", arrayText(settings.frequencyCuts()))
                .param("m", arrayText(settings.monetaryCuts()))
                .param("by", AuditLog.currentActor())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        audit.record("update", "rfm_settings", 1, before, settings);
        return settings();
    }

    private static void checkCuts(String field, List<BigDecimal> cuts, Map<String, String> problems) {
        if (cuts == null || cuts.size() != 4 || cuts.contains(null)) {
            problems.put(field, "must be four cut points");
            return;
        }
        for (int i = 1; i < cuts.size(); i++) {
            if (cuts.get(i).compareTo(cuts.get(i - 1)) <= 0) {
                problems.put(field, "must be ascending");
                return;
            }
        }
    }

    /** Scores every customer with paid orders as of now. */
    @Transactional
    public RfmRun score() {
        return score(clock.instant());
    }

    /**
     * Scores every customer with paid orders as of {@code asOf} (orders after it are ignored). The current scores are
     * replaced when {@code asOf} is the latest run's or later; history gets the changes either way.
     */
    @Transactional
    public RfmRun score(Instant asOf) {
        Instant started = clock.instant();
        RfmSettings settings = settings();
        LocalDate today = LocalDate.ofInstant(asOf, zone.zone());
        boolean quintiles = RfmSettings.QUINTILES.equals(settings.method());
        String r = quintiles
                ? "least(5, floor(5 * percent_rank() over (order by recency_days desc)) + 1)"
                : "5 - (select count(*) from unnest(cast(:rCuts as numeric[])) cut where recency_days > cut)";
        String f = quintiles
                ? "least(5, floor(5 * percent_rank() over (order by frequency)) + 1)"
                : "1 + (select count(*) from unnest(cast(:fCuts as numeric[])) cut where frequency > cut)";
        String m = quintiles
                ? "least(5, floor(5 * percent_rank() over (order by monetary)) + 1)"
                : "1 + (select count(*) from unnest(cast(:mCuts as numeric[])) cut where monetary > cut)";
        String window = settings.windowDays() == null ? "" : " and ordered_at >= :windowStart";
        jdbc.sql("""
                        create temp table rfm_new on commit drop as
                        with facts as (
                            select customer_id, (:today - max((ordered_at at time zone :zone)::date)) as recency_days,
                                   count(*)::int as frequency, sum(base_amount) as monetary
                            from paid_orders_view where ordered_at <= :asOf %s
                            group by customer_id),
                        averages as (
                            select avg(recency_days) as recency, avg(frequency) as frequency, avg(monetary) as monetary
                            from facts),
                        scored as (
                            select facts.*, (%s)::smallint as r, (%s)::smallint as f, (%s)::smallint as m from facts)
                        select s.customer_id, s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, grid.segment,
                               %s as value_cell
                        from scored s cross join averages a
                        join (%s) grid (r, fm, segment) on grid.r = s.r and grid.fm = (s.f + s.m + 1) / 2""".formatted(
                                window,
                                r,
                                f,
                                m,
                                ValueCell.caseSql(
                                        "s.recency_days <= a.recency",
                                        "s.frequency >= a.frequency",
                                        "s.monetary >= a.monetary"),
                                RfmSegment.gridValues()))
                .param("today", Date.valueOf(today))
                .param("zone", zone.zone().getId())
                .param("asOf", Timestamp.from(asOf))
                .param("windowStart", windowStart(settings, asOf))
                .param("rCuts", arrayText(settings.recencyCuts()))
                .param("fCuts", arrayText(settings.frequencyCuts()))
                .param("mCuts", arrayText(settings.monetaryCuts()))
                .update();
        jdbc.sql("create index on rfm_new (customer_id)").update();
        jdbc.sql("analyze rfm_new").update();
        boolean latest = jdbc.sql("select coalesce(max(as_of) <= ?, true) from rfm_runs")
                .param(Timestamp.from(asOf))
                .query(Boolean.class)
                .single();
        long changed = recordHistory(asOf, latest);
        if (latest) {
            jdbc.sql("truncate rfm_scores").update();
            jdbc.sql("""
                            insert into rfm_scores (customer_id, recency_days, frequency, monetary, r, f, m, segment,
                                                    value_cell, scored_at)
                            select customer_id, recency_days, frequency, monetary, r, f, m, segment, value_cell, ?
                            from rfm_new""").param(Timestamp.from(asOf)).update();
        }
        return jdbc.sql("""
                        insert into rfm_runs (as_of, method, window_days, customers, changed, averages, started_at,
                                              finished_at)
                        select :asOf, :method, :window, count(*), :changed,
                               jsonb_build_object('recency_days', round(avg(recency_days), 2),
                                                  'frequency', round(avg(frequency), 2),
                                                  'monetary', round(avg(monetary), 2)),
                               :started, :finished
                        from rfm_new
                        returning id, as_of, method, window_days, customers, changed, averages ->> 'recency_days',
                                  averages ->> 'frequency', averages ->> 'monetary', finished_at - started_at""")
                .param("asOf", Timestamp.from(asOf))
                .param("method", settings.method())
                .param("window", settings.windowDays())
                .param("changed", changed)
                .param("started", Timestamp.from(started))
                .param("finished", Timestamp.from(clock.instant()))
                .query((rs, row) -> new RfmRun(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getObject(4, Integer.class),
                        rs.getLong(5),
                        rs.getLong(6),
                        decimal(rs.getString(7)),
                        decimal(rs.getString(8)),
                        decimal(rs.getString(9)),
                        Duration.between(started, clock.instant()).toMillis()))
                .single();
    }

    /**
     * A history row for each customer whose segment or cell differs from their last one before {@code asOf}. The last
     * ones are copied out first — the current scores when this run is the latest, else from history — so the insert
     * never reads the table it grows.
     */
    private long recordHistory(Instant asOf, boolean latest) {
        jdbc.sql(
                        latest
                                ? "create temp table rfm_previous on commit drop as"
                                        + " select customer_id, segment, value_cell from rfm_scores"
                                : "create temp table rfm_previous on commit drop as"
                                        + " select distinct on (customer_id) customer_id, segment, value_cell from rfm_history"
                                        + " where scored_at < :asOf order by customer_id, scored_at desc")
                .param("asOf", Timestamp.from(asOf))
                .update();
        jdbc.sql("analyze rfm_previous").update();
        long changed = jdbc.sql("""
                        insert into rfm_history (customer_id, scored_at, recency_days, frequency, monetary, r, f, m,
                                                 segment, value_cell)
                        select n.customer_id, :asOf, n.recency_days, n.frequency, n.monetary, n.r, n.f, n.m, n.segment,
                               n.value_cell
                        from rfm_new n left join rfm_previous p on p.customer_id = n.customer_id
                        where (p.segment, p.value_cell) is distinct from (n.segment, n.value_cell)
                        on conflict (customer_id, scored_at) do update set recency_days = excluded.recency_days,
                            frequency = excluded.frequency, monetary = excluded.monetary, r = excluded.r,
                            f = excluded.f, m = excluded.m, segment = excluded.segment,
                            value_cell = excluded.value_cell""").param("asOf", Timestamp.from(asOf)).update();
        // Customers who had a segment and have none now (no paid order left in the window).
        return changed + jdbc.sql("""
                        insert into rfm_history (customer_id, scored_at)
                        select p.customer_id, :asOf from rfm_previous p
                        where p.segment is not null
                          and not exists (select 1 from rfm_new n where n.customer_id = p.customer_id)
                        on conflict (customer_id, scored_at) do nothing""").param("asOf", Timestamp.from(asOf)).update();
    }

    private static Timestamp windowStart(RfmSettings settings, Instant asOf) {
        return settings.windowDays() == null
                ? null
                : Timestamp.from(asOf.minus(Duration.ofDays(settings.windowDays())));
    }

    public Optional<RfmScore> of(long customerId) {
        return jdbc.sql("""
                        select customer_id, recency_days, frequency, monetary, r, f, m, segment, value_cell, scored_at
                        from rfm_scores where customer_id = ?""")
                .param(customerId)
                .query((rs, row) -> new RfmScore(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getBigDecimal(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        RfmSegment.valueOf(rs.getString(8)),
                        ValueCell.valueOf(rs.getString(9)),
                        rs.getTimestamp(10).toInstant()))
                .optional();
    }

    public Optional<RfmRun> lastRun() {
        return jdbc.sql("""
                        select id, as_of, method, window_days, customers, changed, averages ->> 'recency_days',
                               averages ->> 'frequency', averages ->> 'monetary',
                               extract(epoch from finished_at - started_at) * 1000
                        from rfm_runs order by id desc limit 1""")
                .query((rs, row) -> new RfmRun(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getObject(4, Integer.class),
                        rs.getLong(5),
                        rs.getLong(6),
                        decimal(rs.getString(7)),
                        decimal(rs.getString(8)),
                        decimal(rs.getString(9)),
                        rs.getLong(10)))
                .optional();
    }

    /** Customers per segment, with their spend, as of the last run; every segment present, zero when empty. */
    public Map<RfmSegment, Group> segments() {
        var groups = new LinkedHashMap<RfmSegment, Group>();
        Arrays.stream(RfmSegment.values()).forEach(s -> groups.put(s, Group.EMPTY));
        groupsBy("segment").forEach((name, group) -> groups.put(RfmSegment.valueOf(name), group));
        return groups;
    }

    /** Customers per value cell, with their spend, as of the last run; every cell present, zero when empty. */
    public Map<ValueCell, Group> valueCells() {
        var groups = new LinkedHashMap<ValueCell, Group>();
        Arrays.stream(ValueCell.values()).forEach(c -> groups.put(c, Group.EMPTY));
        groupsBy("value_cell").forEach((name, group) -> groups.put(ValueCell.valueOf(name), group));
        return groups;
    }

    /** A segment's or cell's size and figures. */
    public record Group(
            long customers, BigDecimal monetary, BigDecimal averageRecencyDays, BigDecimal averageFrequency) {
        static final Group EMPTY = new Group(0, BigDecimal.ZERO, null, null);
    }

    private Map<String, Group> groupsBy(String column) {
        var groups = new LinkedHashMap<String, Group>();
        jdbc.sql("select " + column + ", count(*), sum(monetary), round(avg(recency_days), 1), round(avg(frequency), 2)"
                        + " from rfm_scores group by 1")
                .query((rs, row) -> groups.put(
                        rs.getString(1),
                        new Group(rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5))))
                .list();
        return groups;
    }

    /**
     * How customers moved between segments from one date to another: counts by (segment at {@code from}, segment at
     * {@code to}), each as of the latest run on or before that date's end; a missing segment is {@code NONE}.
     */
    public Map<String, Map<String, Long>> migration(LocalDate from, LocalDate to) {
        var matrix = new LinkedHashMap<String, Map<String, Long>>();
        jdbc.sql("""
                        with at_from as (select distinct on (customer_id) customer_id, segment from rfm_history
                                         where scored_at < :fromEnd order by customer_id, scored_at desc),
                             at_to as (select distinct on (customer_id) customer_id, segment from rfm_history
                                       where scored_at < :toEnd order by customer_id, scored_at desc)
                        select coalesce(f.segment, 'NONE'), coalesce(t.segment, 'NONE'), count(*)
                        from at_from f full join at_to t on t.customer_id = f.customer_id
                        where f.segment is not null or t.segment is not null
                        group by 1, 2""")
                .param(
                        "fromEnd",
                        Timestamp.from(
                                from.plusDays(1).atStartOfDay(zone.zone()).toInstant()))
                .param(
                        "toEnd",
                        Timestamp.from(to.plusDays(1).atStartOfDay(zone.zone()).toInstant()))
                .query((rs, row) -> matrix.computeIfAbsent(rs.getString(1), key -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getLong(3)))
                .list();
        return matrix;
    }

    private static List<BigDecimal> decimals(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray())
                .map(value -> (BigDecimal) value)
                .toList();
    }

    private static String arrayText(List<BigDecimal> values) {
        return "{"
                + String.join(
                        ",", values.stream().map(BigDecimal::toPlainString).toList()) + "}";
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}

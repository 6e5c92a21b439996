package dev.retain.sales;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.UserAccounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The funnel's figures, each one set-based statement over the opportunities the viewer may see (the data scope applies
 * to them as to every customer's row): how far the opportunities opened in a period got, stage by stage and owner by
 * owner, and the forecast — open amounts weighted by their stage's chance, by the month they are expected to close.
 */
@Service
public class OpportunityFigures {

    /**
     * A stage of the funnel: opportunities that reached it (stood in it or a later one, or were won), those standing in
     * it now, and the share of those that reached it that went on to the next stage (for the last: were won).
     */
    public record FunnelStep(
            long stageId, String stage, int probability, long reached, long openNow, Double conversion) {}

    /** The funnel of the opportunities opened in a period, and how they ended so far. */
    public record Funnel(List<FunnelStep> steps, long opened, long won, long lost, BigDecimal wonAmount) {

        /** The most that reached any stage (at least 1), the full width of the funnel's bars. */
        public long widest() {
            return Math.max(
                    1, steps.stream().mapToLong(FunnelStep::reached).max().orElse(1));
        }

        /** Won among those decided (won or lost); null before any is. */
        public Double winRate() {
            return won + lost == 0 ? null : (double) won / (won + lost);
        }
    }

    /** One owner's opportunities opened in the period: how many, where they stand, what was won and what may come. */
    public record OwnerFigures(
            Long ownerId,
            String owner,
            long opened,
            long open,
            long won,
            long lost,
            BigDecimal wonAmount,
            BigDecimal weightedOpen) {

        public Double winRate() {
            return won + lost == 0 ? null : (double) won / (won + lost);
        }
    }

    /**
     * A month of the forecast: open opportunities expected to close in it (their amount, and weighted by their stage's
     * chance), and what was won in it. {@code month} null: open ones without an expected date.
     */
    public record ForecastMonth(
            YearMonth month, long open, BigDecimal pipeline, BigDecimal weighted, BigDecimal won, boolean past) {}

    /** Months of wins the forecast shows before the current one. */
    static final int WON_MONTHS_SHOWN = 2;

    private final JdbcClient jdbc;
    private final OpportunityStages stages;
    private final UserAccounts users;
    private final CompanyZone zone;
    private final Clock clock;

    OpportunityFigures(JdbcClient jdbc, OpportunityStages stages, UserAccounts users, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.stages = stages;
        this.users = users;
        this.zone = zone;
        this.clock = clock;
    }

    /** The opportunities opened from {@code first} to {@code last} (days in the company's zone), of one owner or all. */
    public Funnel funnel(LocalDate first, LocalDate last, Long ownerId) {
        Map<String, Object> params = period(first, last, ownerId);
        Map<Long, long[]> counts = new HashMap<>();
        jdbc.sql("""
                        with opened as (
                            select o.id, o.status, o.stage_id from opportunities o
                            where o.created_at >= :from and o.created_at < :to
                              and (cast(:owner as bigint) is null or o.owner_id = :owner)),
                        furthest as (
                            select op.id, op.status, max(s.position) as position
                            from opened op
                            join opportunity_moves m on m.opportunity_id = op.id
                            join opportunity_stages s on s.id = m.to_stage_id
                            group by op.id, op.status)
                        select st.id,
                               (select count(*) from furthest f where f.status = 'WON' or f.position >= st.position),
                               (select count(*) from opened op where op.status = 'OPEN' and op.stage_id = st.id)
                        from opportunity_stages st""").params(params).query(rs -> {
            counts.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
        var totals = jdbc.sql("""
                        select count(*), count(*) filter (where status = 'WON'), count(*) filter (where status = 'LOST'),
                               coalesce(sum(amount) filter (where status = 'WON'), 0)
                        from opportunities o
                        where o.created_at >= :from and o.created_at < :to
                          and (cast(:owner as bigint) is null or o.owner_id = :owner)""")
                .params(params)
                .query((rs, row) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4)})
                .single();
        long won = (long) totals[1];
        List<OpportunityStage> funnel = stages.list();
        List<FunnelStep> steps = new ArrayList<>();
        for (int i = 0; i < funnel.size(); i++) {
            OpportunityStage stage = funnel.get(i);
            long[] here = counts.getOrDefault(stage.id(), new long[2]);
            long next = i + 1 < funnel.size()
                    ? counts.getOrDefault(funnel.get(i + 1).id(), new long[2])[0]
                    : won;
            steps.add(new FunnelStep(
                    stage.id(),
                    stage.name(),
                    stage.probability(),
                    here[0],
                    here[1],
                    here[0] == 0 ? null : (double) next / here[0]));
        }
        return new Funnel(steps, (long) totals[0], won, (long) totals[2], (BigDecimal) totals[3]);
    }

    /** The same period, owner by owner, most won first. */
    public List<OwnerFigures> byOwner(LocalDate first, LocalDate last, Long ownerId) {
        List<OwnerFigures> bare = jdbc.sql("""
                        select o.owner_id, count(*), count(*) filter (where o.status = 'OPEN'),
                               count(*) filter (where o.status = 'WON'), count(*) filter (where o.status = 'LOST'),
                               coalesce(sum(o.amount) filter (where o.status = 'WON'), 0),
                               coalesce(sum(o.amount * s.probability / 100.0) filter (where o.status = 'OPEN'), 0)
                        from opportunities o join opportunity_stages s on s.id = o.stage_id
                        where o.created_at >= :from and o.created_at < :to
                          and (cast(:owner as bigint) is null or o.owner_id = :owner)
                        group by o.owner_id
                        order by 6 desc, 2 desc, 1""")
                .params(period(first, last, ownerId))
                .query((rs, row) -> new OwnerFigures(
                        rs.getObject(1, Long.class),
                        null,
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7).setScale(2, RoundingMode.HALF_UP)))
                .list();
        Map<Long, String> names = users.displayNames(bare.stream()
                .map(OwnerFigures::ownerId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        return bare.stream()
                .map(f -> new OwnerFigures(
                        f.ownerId(),
                        f.ownerId() == null ? null : names.get(f.ownerId()),
                        f.opened(),
                        f.open(),
                        f.won(),
                        f.lost(),
                        f.wonAmount(),
                        f.weightedOpen()))
                .toList();
    }

    /**
     * The forecast: every open opportunity by the month it is expected to close (those overdue in their past month),
     * its amount weighted by its stage's chance; beside it, what was won in the current and the last few months.
     */
    public List<ForecastMonth> forecast(Long ownerId) {
        YearMonth current = YearMonth.from(zone.today(clock));
        Map<String, Object> params = new HashMap<>();
        params.put("owner", ownerId);
        params.put("zone", zone.zone().getId());
        params.put(
                "wonSince", Date.valueOf(current.minusMonths(WON_MONTHS_SHOWN).atDay(1)));
        return jdbc.sql("""
                        with pipeline as (
                            select date_trunc('month', o.expected_close_on)::date as month, count(*) as open,
                                   sum(o.amount) as pipeline, sum(o.amount * s.probability / 100.0) as weighted
                            from opportunities o join opportunity_stages s on s.id = o.stage_id
                            where o.status = 'OPEN' and (cast(:owner as bigint) is null or o.owner_id = :owner)
                            group by 1),
                        won as (
                            select date_trunc('month', (o.closed_at at time zone :zone))::date as month,
                                   sum(o.amount) as won
                            from opportunities o
                            where o.status = 'WON' and (cast(:owner as bigint) is null or o.owner_id = :owner)
                              and (o.closed_at at time zone :zone)::date >= :wonSince
                            group by 1)
                        select coalesce(p.month, w.month), coalesce(p.open, 0), coalesce(p.pipeline, 0),
                               coalesce(p.weighted, 0), coalesce(w.won, 0)
                        from pipeline p full join won w on w.month = p.month
                        order by 1 nulls last""")
                .params(params)
                .query((rs, row) -> {
                    Date month = rs.getDate(1);
                    YearMonth yearMonth = month == null ? null : YearMonth.from(month.toLocalDate());
                    return new ForecastMonth(
                            yearMonth,
                            rs.getLong(2),
                            rs.getBigDecimal(3),
                            rs.getBigDecimal(4).setScale(2, RoundingMode.HALF_UP),
                            rs.getBigDecimal(5),
                            yearMonth != null && yearMonth.isBefore(current));
                })
                .list();
    }

    private Map<String, Object> period(LocalDate first, LocalDate last, Long ownerId) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(first.atStartOfDay(zone.zone()).toInstant()));
        params.put(
                "to", Timestamp.from(last.plusDays(1).atStartOfDay(zone.zone()).toInstant()));
        params.put("owner", ownerId);
        return params;
    }
}

package dev.retain.loyalty;

import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.platform.CompanyZone;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members' tiers follow their qualifying value, set-based for a few members or for all of them at once: a member whose
 * value reached a higher tier moves up at once (several tiers if it reached them); at the review date a member below
 * the tier's threshold gets the grace days, and at their end, still below, moves down to the tier the value qualifies
 * for — otherwise the next review is some months on. A "will downgrade" reminder goes once per review some days before
 * the grace ends. Every move is kept in the tier history and recorded as the event {@code tier_changed}, the
 * reminder as {@code tier_will_downgrade}, in one call per run; runs take one lock, so a move is never written
 * twice.
 */
@Component
class TierReview {

    private static final Logger log = LoggerFactory.getLogger(TierReview.class);

    static final String TIER_CHANGED = "tier_changed";
    static final String WILL_DOWNGRADE = "tier_will_downgrade";

    /** Every member is looked at once in this many days; in between, those due or changed. */
    private static final int FULL_REVIEW_DAYS = 7;

    // which members a run values: SQL restricting a customer-id column
    private static final String EVERYONE = "true";
    private static final String GIVEN = "%s = any (:ids)";
    private static final String CANDIDATES = "%s in (select customer_id from loyalty_tier_candidates)";

    /** What the nightly review did. */
    record Result(int up, int down, int graced, int warned) {}

    private final JdbcClient jdbc;
    private final LoyaltyTiers tiers;
    private final Events events;
    private final ApplicationEventPublisher published;
    private final CompanyZone zone;
    private final Clock clock;

    TierReview(
            JdbcClient jdbc,
            LoyaltyTiers tiers,
            Events events,
            ApplicationEventPublisher published,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.tiers = tiers;
        this.events = events;
        this.published = published;
        this.zone = zone;
        this.clock = clock;
    }

    /** Moves these members (null: everyone) up to the tier their value reached, at once. Returns the moves. */
    @Transactional
    List<TierChange> upgrade(List<Long> customerIds) {
        if (!anyTiers()) {
            return List.of();
        }
        lock();
        TierSettings settings = tiers.settings();
        Instant now = clock.instant();
        LocalDate today = zone.today(clock);
        values(customerIds == null ? EVERYONE : GIVEN, customerIds, settings, today, now);
        List<TierChange> up = moveUp(settings, today, now);
        announce(up, List.of());
        return up;
    }

    /**
     * The nightly review: upgrades, reviews due (kept, or the grace starts), graces over (kept, or down), and reminders
     * before a downgrade. It looks at the members whose review, grace or reminder falls due and at those with ledger
     * transactions since the review before; every path that raises a value writes one (and most move the member up at
     * once), so nobody else can have changed. Once a week, and on the first run, it looks at every member.
     */
    @Transactional
    Result review() {
        if (!anyTiers()) {
            return new Result(0, 0, 0, 0);
        }
        lock();
        TierSettings settings = tiers.settings();
        Instant now = clock.instant();
        LocalDate today = zone.today(clock);
        Watermark watermark = watermark();
        boolean everyone = watermark.throughTransaction() == null
                || watermark.fullyReviewedOn() == null
                || !watermark.fullyReviewedOn().isAfter(today.minusDays(FULL_REVIEW_DAYS));
        if (!everyone) {
            candidates(watermark.throughTransaction(), settings, today);
        }
        values(everyone ? EVERYONE : CANDIDATES, null, settings, today, now);
        List<TierChange> up = moveUp(settings, today, now);
        int graced = startGrace(settings, today);
        List<TierChange> down = moveDown(settings, today, now);
        List<Event> warnings = warn(settings, today, now);
        announce(up, warnings);
        if (!down.isEmpty()) {
            events.recordAll(down.stream().map(TierReview::event).toList());
            published.publishEvent(new TiersChanged(down));
        }
        jdbc.sql("""
                        update loyalty_tier_settings set reviewed_through = :through,
                            fully_reviewed_on = case when :everyone then :today else fully_reviewed_on end""")
                .param("through", watermark.sequenceNow())
                .param("everyone", everyone)
                .param("today", Date.valueOf(today))
                .update();
        log.info(
                "Loyalty tier review ({}): {} members moved up, {} down, {} in grace, {} reminded",
                everyone ? "every member" : "members due or changed",
                up.size(),
                down.size(),
                graced,
                warnings.size());
        return new Result(up.size(), down.size(), graced, warnings.size());
    }

    /**
     * Where the review before left off: the transaction sequence's value it saw and the day every member was last
     * looked at; with the sequence's value now, which this review leaves as the next one's watermark.
     */
    private record Watermark(Long throughTransaction, LocalDate fullyReviewedOn, long sequenceNow) {}

    private Watermark watermark() {
        return jdbc.sql("""
                        select s.reviewed_through, s.fully_reviewed_on,
                               (select case when is_called then last_value else last_value - 1 end
                                from loyalty_transaction_ids)
                        from loyalty_tier_settings s""")
                .query((rs, row) ->
                        new Watermark(rs.getObject(1, Long.class), rs.getObject(2, LocalDate.class), rs.getLong(3)))
                .single();
    }

    /**
     * Stages in {@code loyalty_tier_candidates} the members this review looks at: those whose review, grace or reminder
     * falls due, and those with ledger transactions after the watermark.
     */
    private void candidates(long throughTransaction, TierSettings settings, LocalDate today) {
        jdbc.sql("drop table if exists loyalty_tier_candidates").update();
        jdbc.sql("create temp table loyalty_tier_candidates (customer_id bigint primary key) on commit drop")
                .update();
        jdbc.sql("""
                        insert into loyalty_tier_candidates
                        select customer_id from loyalty_member_tiers
                        where review_on <= :today or coalesce(grace_until, review_on + :grace) - :warning <= :today
                        union
                        select customer_id from loyalty_transactions where id > :through""")
                .param("today", Date.valueOf(today))
                .param("grace", settings.graceDays())
                .param("warning", settings.warningDays())
                .param("through", throughTransaction)
                .update();
        jdbc.sql("analyze loyalty_tier_candidates").update();
    }

    private boolean anyTiers() {
        return jdbc.sql("select exists (select 1 from loyalty_tiers)")
                .query(Boolean.class)
                .single();
    }

    /** One tier run at a time: each sees the moves of the one before, and none moves a member twice. */
    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('loyalty.tiers'))")
                .query(Object.class)
                .single();
    }

    /**
     * Stages in {@code loyalty_tier_values} the qualifying value of the members {@code scope} selects and the tier it
     * qualifies for (the highest whose threshold it reaches; null below every threshold).
     */
    private void values(String scope, List<Long> customerIds, TierSettings settings, LocalDate today, Instant now) {
        jdbc.sql("drop table if exists loyalty_tier_values").update();
        jdbc.sql("""
                        create temp table loyalty_tier_values (
                            customer_id bigint primary key, value numeric not null,
                            target_id int, target_rank int, target_name text
                        ) on commit drop""").update();
        String values = TierQualification.values(
                settings.basis(),
                "cast(:from as date)",
                "cast(:now as timestamptz)",
                zone.zone(),
                column -> scope.formatted(column));
        jdbc.sql("""
                        insert into loyalty_tier_values
                        with members as (
                            select customer_id from loyalty_members where %1$s
                            union
                            select customer_id from loyalty_member_tiers where %2$s
                        ), ranges as (
                            select id, rank, name, threshold, lead(threshold) over (order by rank) as next
                            from loyalty_tiers
                        ), valued as (
                            select m.customer_id, coalesce(v.value, 0) as value
                            from members m
                            join customer_profiles_view c on c.id = m.customer_id
                            left join (%3$s) v on v.customer_id = m.customer_id
                        )
                        select v.customer_id, v.value, r.id, r.rank, r.name
                        from valued v
                        left join ranges r on v.value >= r.threshold and (r.next is null or v.value < r.next)""".formatted(scope.formatted("customer_id"), scope.formatted("customer_id"), values))
                .param("ids", customerIds == null ? null : customerIds.toArray(Long[]::new))
                .param("from", Date.valueOf(TierQualification.windowStart(today, settings.windowMonths())))
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("analyze loyalty_tier_values").update();
    }

    /** Members whose value reached a tier above theirs move up to it; the next review is some months on. */
    private List<TierChange> moveUp(TierSettings settings, LocalDate today, Instant now) {
        return jdbc.sql("""
                        with up as (
                            select v.customer_id, v.value, v.target_id, v.target_name, cur.id as from_id,
                                   cur.name as from_name
                            from loyalty_tier_values v
                            left join loyalty_member_tiers mt on mt.customer_id = v.customer_id
                            left join loyalty_tiers cur on cur.id = mt.tier_id
                            where v.target_id is not null and v.target_rank > coalesce(cur.rank, -1)
                        ), moved as (
                            insert into loyalty_member_tiers (customer_id, tier_id, since, review_on, updated_at)
                            select customer_id, target_id, :now, :review, :now from up
                            on conflict (customer_id) do update
                                set tier_id = excluded.tier_id, since = excluded.since, review_on = excluded.review_on,
                                    grace_until = null, warned_for = null, updated_at = excluded.updated_at
                            returning customer_id
                        )
                        insert into loyalty_tier_history (customer_id, from_tier_id, from_tier, to_tier_id, to_tier,
                                                          direction, qualifying, at)
                        select customer_id, from_id, from_name, target_id, target_name, 'UP', value, :now from up
                        returning""" + HISTORY_COLUMNS)
                .param("now", Timestamp.from(now))
                .param("review", Date.valueOf(today.plusMonths(settings.reviewMonths())))
                .query(TierReview::change)
                .list();
    }

    /**
     * Members whose review is due: at or above the tier's threshold, the next review is some months on; below it, the
     * grace days start (with none, the move down follows in the same run). Returns how many got the grace.
     */
    private int startGrace(TierSettings settings, LocalDate today) {
        jdbc.sql("""
                        update loyalty_member_tiers mt
                        set review_on = (mt.review_on + make_interval(months => :months))::date, warned_for = null,
                            updated_at = :now
                        from loyalty_tier_values v, loyalty_tiers cur
                        where v.customer_id = mt.customer_id and cur.id = mt.tier_id
                          and mt.grace_until is null and mt.review_on <= :today and v.value >= cur.threshold""")
                .param("months", settings.reviewMonths())
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("""
                        update loyalty_member_tiers mt set grace_until = mt.review_on + :grace, updated_at = :now
                        from loyalty_tier_values v, loyalty_tiers cur
                        where v.customer_id = mt.customer_id and cur.id = mt.tier_id
                          and mt.grace_until is null and mt.review_on <= :today and v.value < cur.threshold""")
                .param("grace", settings.graceDays())
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Members whose grace is over: back at the threshold, they keep the tier until the next review; still below, they
     * move down to the tier their value qualifies for (none below every threshold).
     */
    private List<TierChange> moveDown(TierSettings settings, LocalDate today, Instant now) {
        jdbc.sql("""
                        update loyalty_member_tiers mt
                        set review_on = (mt.review_on + make_interval(months => :months))::date, grace_until = null,
                            warned_for = null, updated_at = :now
                        from loyalty_tier_values v, loyalty_tiers cur
                        where v.customer_id = mt.customer_id and cur.id = mt.tier_id
                          and mt.grace_until <= :today and v.value >= cur.threshold""")
                .param("months", settings.reviewMonths())
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(now))
                .update();
        return jdbc.sql("""
                        with down as (
                            select v.customer_id, v.value, v.target_id, v.target_name, cur.id as from_id,
                                   cur.name as from_name
                            from loyalty_member_tiers mt
                            join loyalty_tier_values v on v.customer_id = mt.customer_id
                            join loyalty_tiers cur on cur.id = mt.tier_id
                            where mt.grace_until <= :today and v.value < cur.threshold
                        ), moved as (
                            update loyalty_member_tiers mt
                            set tier_id = d.target_id, since = :now, review_on = :review, grace_until = null,
                                warned_for = null, updated_at = :now
                            from down d where d.customer_id = mt.customer_id
                            returning mt.customer_id
                        )
                        insert into loyalty_tier_history (customer_id, from_tier_id, from_tier, to_tier_id, to_tier,
                                                          direction, qualifying, at)
                        select customer_id, from_id, from_name, target_id, target_name, 'DOWN', value, :now from down
                        returning""" + HISTORY_COLUMNS)
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(now))
                .param("review", Date.valueOf(today.plusMonths(settings.reviewMonths())))
                .query(TierReview::change)
                .list();
    }

    /**
     * Members below their tier's threshold whose downgrade day (the grace's end) is within the warning days, not yet
     * reminded for this review: marked, and returned as {@code tier_will_downgrade} events saying the tier, the
     * value still needed to keep it, the review date and the day of the downgrade.
     */
    private List<Event> warn(TierSettings settings, LocalDate today, Instant now) {
        return jdbc.sql("""
                        with due as (
                            select mt.customer_id, cur.name, cur.threshold - v.value as needed, mt.review_on,
                                   coalesce(mt.grace_until, mt.review_on + :grace) as downgrade_on
                            from loyalty_member_tiers mt
                            join loyalty_tier_values v on v.customer_id = mt.customer_id
                            join loyalty_tiers cur on cur.id = mt.tier_id
                            where v.value < cur.threshold and mt.warned_for is distinct from mt.review_on
                              and coalesce(mt.grace_until, mt.review_on + :grace) - :warning <= :today
                        ), marked as (
                            update loyalty_member_tiers mt set warned_for = mt.review_on, updated_at = :now
                            from due d where d.customer_id = mt.customer_id
                            returning mt.customer_id
                        )
                        select customer_id, name, needed, review_on, downgrade_on from due""")
                .param("grace", settings.graceDays())
                .param("warning", settings.warningDays())
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> {
                    Map<String, String> properties = new LinkedHashMap<>();
                    properties.put("tier", rs.getString(2));
                    properties.put("needed", plain(rs.getBigDecimal(3)));
                    properties.put(
                            "review_date", rs.getObject(4, LocalDate.class).toString());
                    properties.put(
                            "downgrade_on", rs.getObject(5, LocalDate.class).toString());
                    return new Event(rs.getLong(1), WILL_DOWNGRADE, now, properties);
                })
                .list();
    }

    /** Records the moves up and the reminders as events, and publishes the moves (welcome coupons follow). */
    private void announce(List<TierChange> up, List<Event> warnings) {
        List<Event> recorded = new ArrayList<>(up.size() + warnings.size());
        up.forEach(change -> recorded.add(event(change)));
        recorded.addAll(warnings);
        if (!recorded.isEmpty()) {
            events.recordAll(recorded);
        }
        if (!up.isEmpty()) {
            published.publishEvent(new TiersChanged(up));
        }
    }

    static Event event(TierChange change) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("from", change.from() == null ? "" : change.from());
        properties.put("to", change.to() == null ? "" : change.to());
        properties.put("direction", change.direction().name());
        return new Event(change.customerId(), TIER_CHANGED, change.at(), properties);
    }

    private static final String HISTORY_COLUMNS =
            " customer_id, id, from_tier, to_tier, to_tier_id, direction, qualifying, at";

    private static TierChange change(ResultSet rs, int row) throws SQLException {
        int toTierId = rs.getInt(5);
        return new TierChange(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.wasNull() ? null : toTierId,
                TierDirection.valueOf(rs.getString(6)),
                rs.getBigDecimal(7),
                rs.getTimestamp(8).toInstant());
    }

    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}

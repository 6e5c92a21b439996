package dev.retain.loyalty;

import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points follow customer events: each event of a name some version of the earning rules rewards, occurring on or after
 * the programme's first day while that version was the newest, earns that version's points once — keyed
 * {@code event:<event id>}, so an event seen again (a retry, a replayed import, the same event recorded twice) never
 * earns twice — within the rule's daily cap (per member, event name and company day of the event, so an event arriving
 * late counts on its own day) and lifetime cap. The points are spendable at once: an event has no refund that could
 * take them back. Run for some customers or everyone, set-based: a batch of events costs a few statements, not one per
 * event. Caps hold however many runs meet: each run locks its members' rows and then counts what is already there.
 */
@Component
class EventEarning {

    private static final Logger log = LoggerFactory.getLogger(EventEarning.class);

    private final JdbcClient jdbc;
    private final Awarding awarding;
    private final LotRuns lots;
    private final LoyaltyProgramme programme;
    private final CompanyZone zone;
    private final Clock clock;

    EventEarning(
            JdbcClient jdbc,
            Awarding awarding,
            LotRuns lots,
            LoyaltyProgramme programme,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.awarding = awarding;
        this.lots = lots;
        this.programme = programme;
        this.zone = zone;
        this.clock = clock;
    }

    /** Awards the events of these customers (null: everyone's) that earn and have not; returns how many earned. */
    @Transactional
    int run(List<Long> customerIds) {
        ProgrammeSettings settings = programme.settings();
        if (!settings.enabled() || settings.earnFrom() == null) {
            return 0;
        }
        List<Timestamp> firstRules =
                jdbc.sql("""
                        select min(v.created_at) from loyalty_earning_rules v
                        where exists (select 1 from loyalty_rule_events r where r.rule_version = v.version)""").query((rs, row) -> rs.getTimestamp(1)).list();
        Timestamp firstRule = firstRules.get(0);
        // no version has ever rewarded an event
        if (firstRule == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant programmeStart = settings.earnFrom().atStartOfDay(zone.zone()).toInstant();
        Instant from = firstRule.toInstant().isAfter(programmeStart) ? firstRule.toInstant() : programmeStart;
        if (!from.isBefore(now)) {
            return 0;
        }
        boolean everyone = customerIds == null;
        jdbc.sql("drop table if exists loyalty_event_candidates").update();
        jdbc.sql(CANDIDATES.replace("%scope%", everyone ? "true" : "e.customer_id = any (:ids)"))
                .param("ids", everyone ? null : customerIds.toArray(Long[]::new))
                .param("from", Timestamp.from(from))
                .param("now", Timestamp.from(now))
                .param("zone", zone.zone().getId())
                .update();
        int candidates = jdbc.sql("select count(*) from loyalty_event_candidates")
                .query(Integer.class)
                .single();
        if (candidates == 0) {
            return 0;
        }
        jdbc.sql("""
                        insert into loyalty_members (customer_id, created_at, updated_at)
                        select distinct customer_id, cast(:now as timestamptz), cast(:now as timestamptz)
                        from loyalty_event_candidates
                        on conflict do nothing""").param("now", Timestamp.from(now)).update();
        MemberScope scope = MemberScope.lock(jdbc, "select customer_id from loyalty_event_candidates", Map.of());
        // events another run awarded while this one waited for the members' locks
        jdbc.sql("""
                        delete from loyalty_event_candidates c
                        where exists (select 1 from loyalty_keys k where k.idempotency_key = 'event:' || c.event_id)""").update();
        jdbc.sql("drop table if exists loyalty_event_awards").update();
        jdbc.sql(WITHIN_CAPS).update();
        awarding.stage();
        int awarded = jdbc.sql("""
                        insert into loyalty_awarding (id, customer_id, reason, idempotency_key, key_claimed, order_id,
                                                      rule_version, points, earned_on, available_at, actor, note)
                        select nextval('loyalty_transaction_ids'), customer_id, 'EVENT', 'event:' || event_id, false,
                               null, null, points, day, occurred_at, 'system', label
                        from (select * from loyalty_event_awards order by customer_id, occurred_at, event_id) a""").update();
        if (awarded == 0) {
            return 0;
        }
        awarding.writeStaged(now);
        jdbc.sql("""
                        insert into loyalty_event_days (customer_id, event, day, events, points)
                        select customer_id, event, day, count(*), sum(points) from loyalty_event_awards
                        group by customer_id, event, day
                        on conflict (customer_id, event, day) do update
                            set events = loyalty_event_days.events + excluded.events,
                                points = loyalty_event_days.points + excluded.points""").update();
        // events from long ago earn points whose last day is past: they run out now, as they would have then
        lots.expire(scope, zone.today(clock), now);
        log.info("Loyalty: {} customer events earned points", awarded);
        return awarded;
    }

    /**
     * The events that may earn: of a name the version newest at their time rewards (its property filter met), on or
     * after {@code from} (the programme's first day, and the first version rewarding events) and not after now, of a
     * customer still there, not awarded yet, and not a second copy of an event recorded before (same customer, name,
     * time and properties).
     */
    private static final String CANDIDATES = """
            create temp table loyalty_event_candidates on commit drop as
            select e.customer_id, e.id as event_id, e.type as event, e.occurred_at,
                   (e.occurred_at at time zone :zone)::date as day,
                   r.rule_version, r.points, r.daily_cap, r.lifetime_cap, coalesce(r.label, r.event) as label
            from events_view e
            cross join lateral (select max(v.version) as version from loyalty_earning_rules v
                                where v.created_at <= e.occurred_at) v
            join loyalty_rule_events r on r.rule_version = v.version and r.event = e.type
            where e.type in (select event from loyalty_rule_events)
              and e.occurred_at >= cast(:from as timestamptz) and e.occurred_at <= cast(:now as timestamptz)
              and %scope%
              and e.customer_id in (select id from customer_profiles_view)
              and (r.property_key is null or e.properties ->> r.property_key = r.property_value)
              and not exists (select 1 from loyalty_keys k where k.idempotency_key = 'event:' || e.id)
              and not exists (select 1 from events_view d
                              where d.customer_id = e.customer_id and d.occurred_at = e.occurred_at
                                and d.type = e.type and d.properties = e.properties and d.id < e.id)""";

    /**
     * The candidates within their caps, the members locked: in the order they occurred, an event earns while its
     * member's events of the name that earned on its day stay within the daily cap, and those that earned ever within
     * the lifetime cap (counting only events within the daily cap).
     */
    private static final String WITHIN_CAPS = """
            create temp table loyalty_event_awards on commit drop as
            with on_day as (
                select d.customer_id, d.event, d.day, d.events from loyalty_event_days d
                where (d.customer_id, d.event, d.day) in (select customer_id, event, day from loyalty_event_candidates)
            ), ever as (
                select d.customer_id, d.event, sum(d.events) as events from loyalty_event_days d
                where (d.customer_id, d.event) in (select customer_id, event from loyalty_event_candidates)
                group by d.customer_id, d.event
            ), daily as (
                select c.*, coalesce(b.events, 0) + row_number() over (
                           partition by c.customer_id, c.event, c.day order by c.occurred_at, c.event_id) as nth_on_day
                from loyalty_event_candidates c
                left join on_day b on b.customer_id = c.customer_id and b.event = c.event and b.day = c.day
            ), within_day as (
                select * from daily where daily_cap is null or nth_on_day <= daily_cap
            ), lifetime as (
                select w.*, coalesce(b.events, 0) + row_number() over (
                           partition by w.customer_id, w.event order by w.occurred_at, w.event_id) as nth_ever
                from within_day w
                left join ever b on b.customer_id = w.customer_id and b.event = w.event
            )
            select customer_id, event_id, event, occurred_at, day, points, label from lifetime
            where lifetime_cap is null or nth_ever <= lifetime_cap""";
}

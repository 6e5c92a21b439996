package dev.retain.loyalty;

import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.segments.Condition;
import dev.retain.segments.Conditions;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Awards badges whose rule became true: per active badge one set-based statement inserts the members the rule matches
 * (among the customers concerned, or everyone) and who do not hold the badge yet — the key (customer, badge) makes it
 * once per member ever, however often or concurrently it runs. The rewards are written as one batch of ledger awards
 * (idempotency key {@code badge:<badge>:<customer>}) and each new badge is recorded as the event
 * {@value #EARNED}, so journeys can start from it.
 */
@Component
class BadgeAwarding {

    static final String EARNED = "badge_earned";

    private static final Logger log = LoggerFactory.getLogger(BadgeAwarding.class);

    private final JdbcClient jdbc;
    private final Badges badges;
    private final Conditions conditions;
    private final Awarding awarding;
    private final Events events;
    private final CompanyZone zone;
    private final Clock clock;

    BadgeAwarding(
            JdbcClient jdbc,
            Badges badges,
            Conditions conditions,
            Awarding awarding,
            Events events,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.badges = badges;
        this.conditions = conditions;
        this.awarding = awarding;
        this.events = events;
        this.zone = zone;
        this.clock = clock;
    }

    /** Awards the badges these customers (null: everyone) now qualify for; returns how many were awarded. */
    @Transactional
    int run(List<Long> customerIds) {
        List<Badge> active = badges.all().stream().filter(Badge::active).toList();
        if (active.isEmpty() || (customerIds != null && customerIds.isEmpty())) {
            return 0;
        }
        Instant now = clock.instant();
        jdbc.sql("drop table if exists loyalty_badges_earned").update();
        jdbc.sql("""
                        create temp table loyalty_badges_earned (
                            customer_id bigint not null, badge_id bigint not null, name text not null, points int not null
                        ) on commit drop""").update();
        for (Badge badge : active) {
            Condition rule;
            try {
                rule = conditions.parse(badge.condition());
            } catch (InvalidInputException e) {
                // a field the rule names is gone since it was saved: the badge waits until its rule is fixed
                log.warn(
                        "Badge {} ({}) not awarded: its rule no longer reads: {}",
                        badge.id(),
                        badge.name(),
                        e.fieldErrors());
                continue;
            }
            Conditions.Selection matching = conditions.selection(rule, customerIds);
            Map<String, Object> params = new HashMap<>(matching.params());
            params.put("badge_id", badge.id());
            params.put("badge_name", badge.name());
            params.put("badge_points", badge.points());
            params.put("awarded_at", Timestamp.from(now));
            jdbc.sql("""
                            with earned as (
                                insert into loyalty_member_badges (customer_id, badge_id, earned_at)
                                select m.id, :badge_id, :awarded_at from (%s) m
                                where not exists (select 1 from loyalty_member_badges b
                                                  where b.customer_id = m.id and b.badge_id = :badge_id)
                                on conflict do nothing
                                returning customer_id)
                            insert into loyalty_badges_earned
                            select customer_id, :badge_id, :badge_name, :badge_points from earned""".formatted(matching.sql())).params(params).update();
        }
        int earned = jdbc.sql("select count(*) from loyalty_badges_earned")
                .query(Integer.class)
                .single();
        if (earned == 0) {
            return 0;
        }
        reward(now);
        List<Event> recorded = jdbc.sql("select customer_id, badge_id, name from loyalty_badges_earned"
                        + " order by customer_id, badge_id")
                .query((rs, row) -> new Event(
                        rs.getLong(1),
                        EARNED,
                        now,
                        Map.of("badge", rs.getString(3), "badge_id", Long.toString(rs.getLong(2)))))
                .list();
        events.recordAll(recorded);
        log.info("Loyalty: {} badges awarded", earned);
        return earned;
    }

    /** The new badges' points, as awards spendable at once; the members are locked in customer order first. */
    private void reward(Instant now) {
        boolean any = jdbc.sql("select exists (select 1 from loyalty_badges_earned where points > 0)")
                .query(Boolean.class)
                .single();
        if (!any) {
            return;
        }
        jdbc.sql("""
                        insert into loyalty_members (customer_id, created_at, updated_at)
                        select distinct customer_id, cast(:now as timestamptz), cast(:now as timestamptz)
                        from loyalty_badges_earned where points > 0
                        on conflict do nothing""").param("now", Timestamp.from(now)).update();
        MemberScope.lock(jdbc, "select customer_id from loyalty_badges_earned where points > 0", Map.of());
        awarding.stage();
        jdbc.sql("""
                        insert into loyalty_awarding (id, customer_id, reason, idempotency_key, key_claimed, order_id,
                                                      rule_version, points, earned_on, available_at, note, actor)
                        select nextval('loyalty_transaction_ids'), w.customer_id, 'CAMPAIGN',
                               'badge:' || w.badge_id || ':' || w.customer_id, false, null, null, w.points, :today,
                               cast(:now as timestamptz), 'badge: ' || w.name, 'system'
                        from loyalty_badges_earned w
                        where w.points > 0
                          and not exists (select 1 from loyalty_keys k
                                          where k.idempotency_key = 'badge:' || w.badge_id || ':' || w.customer_id)""")
                .param("today", Date.valueOf(zone.today(clock)))
                .param("now", Timestamp.from(now))
                .update();
        awarding.writeStaged(now);
        jdbc.sql("""
                        update loyalty_member_badges b set transaction_id = a.id
                        from loyalty_awarding a
                        where a.idempotency_key = 'badge:' || b.badge_id || ':' || b.customer_id
                          and b.customer_id = a.customer_id""").update();
    }
}

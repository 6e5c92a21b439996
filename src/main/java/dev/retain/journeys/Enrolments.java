package dev.retain.journeys;

import dev.retain.platform.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers entering, converting in and leaving journeys, set-based. Entry limits are applied in the statement that
 * enrols; the holdout is fixed at entry from a hash of journey and customer, so it never changes for an enrolment.
 */
@Service
public class Enrolments {

    private final JdbcClient jdbc;
    private final Journeys journeys;
    private final JourneyHistory history;
    private final Clock clock;

    Enrolments(JdbcClient jdbc, Journeys journeys, JourneyHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.journeys = journeys;
        this.history = history;
        this.clock = clock;
    }

    /** Enrols those of the customers the entry limit lets in; returns how many entered. */
    @Transactional
    public int enrol(long journeyId, Collection<Long> customerIds, String cause) {
        return enrol(journeyId, customerIds, cause, null);
    }

    /**
     * Enrols those of the customers the entry limit lets in and who have not entered since {@code notEnteredSince}
     * (when given): a run that may happen twice — a daily run on two instances, or again after a restart — enrols once.
     */
    @Transactional
    public int enrol(long journeyId, Collection<Long> customerIds, String cause, Instant notEnteredSince) {
        Journey journey = journeys.find(journeyId);
        if (!journey.status().equals("ACTIVE")) {
            throw new InvalidInputException(
                    "journey", "'" + journey.name() + "' is " + journey.status() + ", not ACTIVE");
        }
        if (customerIds.isEmpty()) {
            return 0;
        }
        JourneyGraph graph = journeys.graph(journeyId, journey.currentVersion());
        Instant now = clock.instant();
        history.ready(now);
        // one enrolling statement per journey at a time, so two triggers cannot both let the same customer in
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('journey-enrol:' || ?, 0))")
                .param(journeyId)
                .query(rs -> {});
        return jdbc.sql("""
                        with candidates as (
                            select distinct p.id as customer_id
                            from unnest(:ids::bigint[]) as c(id) join customer_profiles_view p on p.id = c.id),
                        eligible as (
                            select customer_id from candidates c
                            where not exists (
                                select 1 from journey_enrolments e
                                where e.journey_id = :journey and e.customer_id = c.customer_id
                                  and (%s or e.entered_at >= cast(:since as timestamptz)))),
                        entered as (
                            insert into journey_enrolments (journey_id, version, customer_id, status, holdout,
                                                            current_node, entered_at)
                            select :journey, :version, customer_id, 'ACTIVE',
                                   abs(hashtextextended(:journey || ':' || customer_id, 0)) %% 100 < :holdout,
                                   :start, :now
                            from eligible
                            returning id, customer_id, holdout),
                        steps as (
                            insert into journey_steps (enrolment_id, node_id, sequence, due_at)
                            select id, :start, 1, :now from entered),
                        logged as (
                            insert into journey_history (journey_id, enrolment_id, customer_id, node_id, event, holdout,
                                                         at, detail)
                            select :journey, id, customer_id, null, 'ENTERED', holdout, :now,
                                   jsonb_build_object('cause', :cause::text)
                            from entered)
                        select count(*) from entered""".formatted(entryRule(graph.entryLimit())))
                .param("ids", customerIds.toArray(Long[]::new))
                .param("journey", journeyId)
                .param("version", journey.currentVersion())
                .param("holdout", graph.holdoutPercent())
                .param("start", graph.start())
                .param("now", Timestamp.from(now))
                .param("cause", cause)
                .param("since", notEnteredSince == null ? null : Timestamp.from(notEnteredSince))
                .param(
                        "days",
                        graph.entryLimit().days() == null
                                ? 0
                                : graph.entryLimit().days())
                .query(Integer.class)
                .single();
    }

    /**
     * The customer's enrolments that are active or ended since {@code endedSince}: active ones first, then the latest,
     * at most {@code limit}; through {@code journey_enrolments_customer_idx}, with each one's next due step.
     */
    public List<CustomerEnrolment> ofCustomer(long customerId, Instant endedSince, int limit) {
        return jdbc.sql("""
                        select e.id, e.journey_id, j.name, e.version, e.status, e.holdout, e.current_node, e.entered_at,
                               e.ended_at, e.end_reason, s.due_at, s.waiting_for
                        from journey_enrolments e join journeys j on j.id = e.journey_id
                        left join lateral (select due_at, waiting_for from journey_steps
                                           where enrolment_id = e.id order by sequence desc limit 1) s on true
                        where e.customer_id = ? and (e.status = 'ACTIVE' or e.ended_at >= ?)
                        order by e.status <> 'ACTIVE', e.entered_at desc, e.id desc limit ?""")
                .params(customerId, Timestamp.from(endedSince), limit)
                .query((rs, row) -> new CustomerEnrolment(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        instant(rs.getTimestamp(9)),
                        rs.getString(10),
                        instant(rs.getTimestamp(11)),
                        rs.getString(12)))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Whom an earlier enrolment keeps out. */
    private static String entryRule(JourneyGraph.EntryLimit limit) {
        switch (limit.rule()) {
            case "while_not_in":
                return "e.status = 'ACTIVE'";
            case "again_after_days":
                return "(e.status = 'ACTIVE' or e.entered_at > cast(:now as timestamptz) - make_interval(days => :days))";
            default:
                return "true";
        }
    }

    /**
     * Ends as conversions the enrolments of these customers in journeys whose goal is an order, when they placed a paid
     * order after entering and within the goal's days: active ones, and those that already went through every step (a
     * birthday coupon sent at once still converts when it is spent in the weeks after), so that a journey's short path
     * is not counted against it next to its holdout.
     */
    @Transactional
    public int convertOnOrders(List<Long> customerIds) {
        Instant now = clock.instant();
        List<Long> reached = jdbc.sql("""
                        select distinct e.id from journey_enrolments e
                        join journeys j on j.id = e.journey_id and j.status <> 'ARCHIVED'
                        join journey_versions v on v.journey_id = e.journey_id and v.version = e.version
                        join paid_orders_view o on o.customer_id = e.customer_id and o.ordered_at >= e.entered_at
                             and o.ordered_at < e.entered_at + make_interval(days => (v.graph -> 'goal' ->> 'withinDays')::int)
                        where e.status in ('ACTIVE', 'COMPLETED') and e.customer_id = any(?::bigint[])
                          and v.graph -> 'goal' ->> 'type' = 'order'""")
                .param(customerIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
        if (reached.isEmpty()) {
            return 0;
        }
        history.ready(now);
        // steps before enrolments, the order the worker locks them in: no deadlock with a running step
        jdbc.sql("select id from journey_steps where enrolment_id = any(?::bigint[]) order by id for update")
                .param(reached.toArray(Long[]::new))
                .query(rs -> {});
        return jdbc.sql("""
                        with ended as (
                            update journey_enrolments
                            set status = 'CONVERTED', end_reason = 'goal',
                                ended_at = case when status = 'ACTIVE' then :now else ended_at end
                            where id = any(:ids::bigint[]) and status in ('ACTIVE', 'COMPLETED')
                            returning id, journey_id, customer_id, holdout),
                        cleared as (delete from journey_steps s using ended where s.enrolment_id = ended.id),
                        logged as (
                            insert into journey_history (journey_id, enrolment_id, customer_id, node_id, event, holdout,
                                                         at)
                            select journey_id, id, customer_id, null, 'CONVERTED', holdout, :now from ended)
                        select count(*) from ended""")
                .param("ids", reached.toArray(Long[]::new))
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .single();
    }

    /** Marks as leaving the active enrolments in journeys that exit when customers leave this audience. */
    @Transactional
    public int leave(long audienceId, List<Long> customerIds) {
        return jdbc.sql("""
                        update journey_enrolments e set leaving = true
                        from journey_versions v
                        where v.journey_id = e.journey_id and v.version = e.version
                          and e.status = 'ACTIVE' and e.customer_id = any(:ids::bigint[])
                          and (v.graph -> 'exitWhenLeaving')::boolean
                          and (v.graph -> 'trigger' ->> 'audienceId')::bigint = :audience""")
                .param("ids", customerIds.toArray(Long[]::new))
                .param("audience", audienceId)
                .update();
    }

    /**
     * Wakes the enrolments of these customers that wait for the event: they go on at the wait's event node now. For
     * {@code ordered} the customers are given; for message and coupon events the enrolment is known from the source.
     */
    @Transactional
    public int wake(String event, List<Long> customerIds) {
        return jdbc.sql("""
                        update journey_steps s set node_id = s.event_node, waiting_for = null, event_node = null,
                                                   due_at = :now
                        from journey_enrolments e
                        where e.id = s.enrolment_id and s.waiting_for = :event and e.customer_id = any(:ids::bigint[])""")
                .param("event", event)
                .param("ids", customerIds.toArray(Long[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}

package dev.retain.journeys;

import dev.retain.commerce.OrdersRecorded;
import dev.retain.events.EventsRecorded;
import dev.retain.segments.AudienceMember;
import dev.retain.segments.SegmentEntered;
import dev.retain.segments.SegmentExited;
import dev.retain.segments.TagAdded;
import dev.retain.segments.TagRemoved;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What moves customers in and out of journeys: entering a segment or getting a tag enrols them in the active journeys
 * that start there; leaving it marks them as leaving where the journey says so; orders convert, wake waits for an order
 * and enrol order-triggered journeys; recorded events enrol event-triggered ones. A large import ("many customers") is
 * history being loaded, not customers acting now: it converts nothing and enrols no one.
 */
@Component
class JourneyTriggers {

    /** An event-triggered journey enrols customers whose event of its type happened this recently. */
    private static final Duration RECENT_EVENT = Duration.ofHours(1);

    private final Journeys journeys;
    private final Enrolments enrolments;
    private final JdbcClient jdbc;
    private final Clock clock;

    JourneyTriggers(Journeys journeys, Enrolments enrolments, JdbcClient jdbc, Clock clock) {
        this.journeys = journeys;
        this.enrolments = enrolments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SegmentEntered entered) {
        enrolFrom("segment_entered", entered.segmentId(), entered.segment(), ids(entered.members()));
    }

    @ApplicationModuleListener
    void on(TagAdded added) {
        enrolFrom("tag_added", added.tagId(), added.tag(), ids(added.members()));
    }

    @ApplicationModuleListener
    void on(SegmentExited exited) {
        enrolments.leave(exited.segmentId(), ids(exited.members()));
    }

    @ApplicationModuleListener
    void on(TagRemoved removed) {
        enrolments.leave(removed.tagId(), ids(removed.members()));
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        if (orders.manyCustomers()) {
            return;
        }
        enrolments.convertOnOrders(orders.customerIds());
        enrolments.wake("ordered", orders.customerIds());
        for (Journey journey : journeys.active("order_placed")) {
            enrolments.enrol(journey.id(), orders.customerIds(), "order placed");
        }
    }

    @ApplicationModuleListener
    void on(EventsRecorded events) {
        if (events.manyCustomers()) {
            return;
        }
        for (Journey journey : journeys.active("event")) {
            String type = journeys.graph(journey.id(), journey.currentVersion())
                    .trigger()
                    .eventType();
            List<Long> acted = jdbc.sql("""
                            select distinct customer_id from events_view
                            where customer_id = any(?::bigint[]) and type = ? and occurred_at >= ?""")
                    .params(
                            events.customerIds().toArray(Long[]::new),
                            type,
                            Timestamp.from(clock.instant().minus(RECENT_EVENT)))
                    .query(Long.class)
                    .list();
            enrolments.enrol(journey.id(), acted, "event " + type);
        }
    }

    private void enrolFrom(String trigger, long audienceId, String audience, List<Long> customerIds) {
        for (Journey journey : journeys.active(trigger)) {
            Long from = journeys.graph(journey.id(), journey.currentVersion())
                    .trigger()
                    .audienceId();
            if (from != null && from == audienceId) {
                enrolments.enrol(journey.id(), customerIds, trigger.replace('_', ' ') + " " + audience);
            }
        }
    }

    private static List<Long> ids(List<AudienceMember> members) {
        return members.stream().map(AudienceMember::customerId).toList();
    }
}

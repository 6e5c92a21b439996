package dev.retain.journeys;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Journeys on the customer's timeline: entering (held out or not), the actions taken or held back at each node, and
 * the end — converted, completed or left.
 */
@Component
class JourneysOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    JourneysOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "journey";
    }

    @Override
    public int order() {
        return 40;
    }

    /**
     * The customer's enrolments before the cursor come from {@code journey_enrolments_customer_idx} (entry limits keep
     * them few); their steps from {@code journey_history_enrolment_idx}, looked up by those enrolments' ids.
     */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        with e as (
                            select e.id, e.journey_id, j.name, e.status, e.holdout, e.entered_at, e.ended_at,
                                   e.end_reason
                            from journey_enrolments e join journeys j on j.id = e.journey_id
                            where e.customer_id = :customer and e.entered_at < :before)
                        select type, at, journey_id, name, holdout, node, detail from (
                            select 'entered' as type, entered_at as at, journey_id, name, holdout, null as node,
                                   null as detail, id
                            from e
                            union all
                            select lower(status), ended_at, journey_id, name, holdout, null, end_reason, id
                            from e where ended_at < :before
                            union all
                            select case h.event when 'ACTED' then 'step' else 'heldOut' end, h.at, e.journey_id,
                                   e.name, h.holdout, h.node_id, h.detail ->> 'type', e.id
                            from journey_history h join e on e.id = h.enrolment_id
                            where h.enrolment_id = any(array(select id from e))
                              and h.event in ('ACTED', 'HELD_OUT') and h.at < :before) x
                        order by at desc, id desc limit :limit""")
                .param("customer", customerId)
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .query((rs, row) -> {
                    String type = rs.getString(1);
                    Instant at = rs.getTimestamp(2).toInstant();
                    String link = "/journeys/" + rs.getLong(3);
                    String name = rs.getString(4);
                    switch (type) {
                        case "entered":
                            return TimelineEntry.of(
                                    at,
                                    kind(),
                                    type,
                                    null,
                                    link,
                                    name,
                                    rs.getBoolean(5) ? TimelineEntry.translated("timeline.journey.holdout") : null);
                        case "step":
                        case "heldOut":
                            String action = rs.getString(7);
                            return TimelineEntry.of(
                                    at, kind(), type, null, link, name, nodeAndAction(rs.getString(6), action));
                        default:
                            return TimelineEntry.of(at, kind(), type, rs.getString(7), link, name);
                    }
                })
                .list();
    }

    /** "remind · Send email": the node's own name, and its action's code translated in the reader's language. */
    private static Object nodeAndAction(String node, String action) {
        if (action == null) {
            return node;
        }
        return new DefaultMessageSourceResolvable(
                new String[] {"timeline.journey.nodeAction"},
                new Object[] {node, new DefaultMessageSourceResolvable(new String[] {"journeys.node." + action}, action)
                },
                node + " · " + action);
    }
}

package dev.retain.journeys;

import dev.retain.platform.CompanyZone;
import dev.retain.segments.Conditions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs one claimed step: the node it is due at, and then every node that follows at once, until the enrolment waits or
 * ends. Each node visited is one step in the history; each action gets the idempotency key of its step.
 */
@Component
class StepRunner {

    /** Nodes one step may run before it must wait: a guard, since graphs without waiting loops are refused. */
    private static final int MAX_NODES_PER_STEP = 100;

    private final Journeys journeys;
    private final JourneyGraphs graphs;
    private final JourneyHistory history;
    private final Conditions conditions;
    private final JdbcClient jdbc;
    private final CompanyZone zone;
    private final Clock clock;

    StepRunner(
            Journeys journeys,
            JourneyGraphs graphs,
            JourneyHistory history,
            Conditions conditions,
            JdbcClient jdbc,
            CompanyZone zone,
            Clock clock) {
        this.journeys = journeys;
        this.graphs = graphs;
        this.history = history;
        this.conditions = conditions;
        this.jdbc = jdbc;
        this.zone = zone;
        this.clock = clock;
    }

    /** Runs the step, whose row the caller has removed from the queue in the same transaction. */
    void run(Step step) {
        Instant now = clock.instant();
        if (step.leaving()) {
            end(step, step.nodeId(), "EXITED", "left the entry audience", now);
            return;
        }
        JourneyGraph graph = journeys.graph(step.journeyId(), step.version());
        String nodeId = step.nodeId();
        int sequence = step.sequence();
        for (int visited = 0; visited < MAX_NODES_PER_STEP; visited++) {
            JourneyGraph.Node node = graph.node(nodeId);
            String next;
            switch (node.type()) {
                case "exit" -> {
                    end(step, nodeId, "COMPLETED", "reached the end", now);
                    return;
                }
                case "wait" -> {
                    scheduleWait(step, node, sequence + 1, now);
                    return;
                }
                case "branch" -> {
                    boolean yes = holds(step, node.params());
                    history.record(step, nodeId, "BRANCH", now, Map.of("branch", yes ? "yes" : "no"));
                    next = node.branches().get(yes ? "yes" : "no");
                }
                case "split" -> {
                    String variant = variant(step, node);
                    history.record(step, nodeId, "SPLIT", now, Map.of("variant", variant));
                    next = node.branches().get(variant);
                }
                default -> {
                    act(step, node, sequence, now);
                    next = node.next();
                }
            }
            sequence++;
            nodeId = next;
        }
        throw new IllegalStateException("more than " + MAX_NODES_PER_STEP + " nodes without a wait at " + nodeId);
    }

    private void act(Step step, JourneyGraph.Node node, int sequence, Instant now) {
        JourneyAction action = graphs.action(node.type());
        if (step.holdout() && action.reachesCustomer()) {
            history.record(step, node.id(), "HELD_OUT", now, Map.of("type", node.type()));
            return;
        }
        action.run(new JourneyAction.ActionContext(
                step.journeyId(),
                step.enrolmentId(),
                step.customerId(),
                node.id(),
                node.params(),
                step.idempotencyKey(sequence),
                step.sourceRef(node.id())));
        history.record(step, node.id(), "ACTED", now, Map.of("type", node.type()));
    }

    private void scheduleWait(Step step, JourneyGraph.Node node, int sequence, Instant now) {
        JsonNode p = node.params();
        Instant due;
        if (p.has("untilTime")) {
            LocalTime time = LocalTime.parse(p.get("untilTime").asString());
            var today = now.atZone(zone.zone());
            var at = today.with(time);
            due = (at.isAfter(today) ? at : at.plusDays(1)).toInstant();
        } else {
            due = now.plus(Duration.ofDays(p.path("days").asLong(0))
                    .plusHours(p.path("hours").asLong(0))
                    .plusMinutes(p.path("minutes").asLong(0)));
        }
        String event = p.path("event").asString(null);
        jdbc.sql("""
                        insert into journey_steps (enrolment_id, node_id, sequence, due_at, waiting_for, event_node)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        step.enrolmentId(),
                        node.next(),
                        sequence,
                        Timestamp.from(due),
                        event,
                        event == null ? null : node.branches().get("event"))
                .update();
        jdbc.sql("update journey_enrolments set current_node = ? where id = ?")
                .params(node.id(), step.enrolmentId())
                .update();
        history.record(step, node.id(), "WAITING", now, Map.of("until", due.toString()));
    }

    /** A branch's answer: the condition for this customer now, or a fact about them since entering. */
    private boolean holds(Step step, JsonNode params) {
        if (params.has("condition")) {
            return !conditions
                    .matchingAmong(conditions.parse(params.get("condition")), List.of(step.customerId()))
                    .isEmpty();
        }
        String since = params.get("since").asString();
        if (since.equals("ordered")) {
            return jdbc.sql("select exists (select 1 from paid_orders_view where customer_id = ? and ordered_at >= ?)")
                    .params(step.customerId(), Timestamp.from(step.enteredAt()))
                    .query(Boolean.class)
                    .single();
        }
        return jdbc.sql("select exists (select 1 from journey_history where enrolment_id = ? and event = ?)")
                .params(step.enrolmentId(), since.toUpperCase(java.util.Locale.ROOT))
                .query(Boolean.class)
                .single();
    }

    /** A weighted pick fixed by enrolment and node, so a step run again picks the same variant. */
    private static String variant(Step step, JourneyGraph.Node node) {
        var weights = new TreeMap<String, Integer>();
        node.branches()
                .keySet()
                .forEach(v ->
                        weights.put(v, node.params().path("weights").path(v).asInt()));
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int pick = Math.floorMod((step.enrolmentId() + ":" + node.id()).hashCode(), total);
        for (var weight : weights.entrySet()) {
            pick -= weight.getValue();
            if (pick < 0) {
                return weight.getKey();
            }
        }
        return weights.lastKey();
    }

    void end(Step step, String nodeId, String status, String reason, Instant now) {
        jdbc.sql("""
                        update journey_enrolments set status = ?, ended_at = ?, end_reason = ?, current_node = ?
                        where id = ? and status = 'ACTIVE'""")
                .params(status, Timestamp.from(now), reason, nodeId, step.enrolmentId())
                .update();
        history.record(step, nodeId, status, now, Map.of("reason", reason));
    }
}

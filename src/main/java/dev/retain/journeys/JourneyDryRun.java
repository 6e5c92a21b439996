package dev.retain.journeys;

import dev.retain.platform.NotFoundException;
import dev.retain.segments.Conditions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The path a customer would take through a journey if they entered today, without doing anything: whether the entry
 * limit lets them in, whether they would be held out, each node with what would happen there, branches decided on
 * today's data (nothing has happened "since entering" yet), a wait's timeout path followed.
 */
@Service
public class JourneyDryRun {

    /** What the dry run found. */
    public record Path(boolean mayEnter, boolean holdout, List<Step> steps) {}

    /** One node on the path and what would happen there. */
    public record Step(String node, String type, String outcome) {}

    private final Journeys journeys;
    private final Conditions conditions;
    private final JdbcClient jdbc;

    JourneyDryRun(Journeys journeys, Conditions conditions, JdbcClient jdbc) {
        this.journeys = journeys;
        this.conditions = conditions;
        this.jdbc = jdbc;
    }

    public Path of(long journeyId, long customerId) {
        Journey journey = journeys.find(journeyId);
        if (jdbc.sql("select count(*) from customer_profiles_view where id = ?")
                        .param(customerId)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new NotFoundException("customer", customerId);
        }
        JourneyGraph graph = journeys.graph(journeyId, journey.currentVersion());
        boolean holdout = jdbc.sql("select abs(hashtextextended(? || ':' || ?, 0)) % 100 < ?")
                .params(journeyId, customerId, graph.holdoutPercent())
                .query(Boolean.class)
                .single();
        List<Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String nodeId = graph.start();
        while (nodeId != null && seen.add(nodeId)) {
            JourneyGraph.Node node = graph.node(nodeId);
            String outcome;
            String next;
            switch (node.type()) {
                case "exit" -> {
                    outcome = "ends";
                    next = null;
                }
                case "wait" -> {
                    outcome = "waits " + node.params()
                            + (node.branches().containsKey("event")
                                    ? "; goes to " + node.branches().get("event") + " on "
                                            + node.params().path("event").asString()
                                    : "");
                    next = node.next();
                }
                case "branch" -> {
                    boolean yes = node.params().has("condition")
                            && !conditions
                                    .matchingAmong(
                                            conditions.parse(node.params().get("condition")), List.of(customerId))
                                    .isEmpty();
                    outcome = (yes ? "yes" : "no")
                            + (node.params().has("since") ? " (nothing since entering yet)" : " (today)");
                    next = node.branches().get(yes ? "yes" : "no");
                }
                case "split" -> {
                    String first = node.branches().keySet().iterator().next();
                    outcome = "one of " + node.branches().keySet() + " by weight; following " + first;
                    next = node.branches().get(first);
                }
                default -> {
                    outcome = holdout ? "skipped if it reaches the customer (holdout)" : "acts " + node.params();
                    next = node.next();
                }
            }
            steps.add(new Step(nodeId, node.type(), outcome));
            nodeId = next;
        }
        return new Path(mayEnter(journeyId, customerId, graph.entryLimit()), holdout, steps);
    }

    private boolean mayEnter(long journeyId, long customerId, JourneyGraph.EntryLimit limit) {
        Map<String, Object> last = jdbc.sql("""
                        select status, extract(epoch from now() - entered_at) / 86400 as days
                        from journey_enrolments where journey_id = ? and customer_id = ? order by entered_at desc limit 1""")
                .params(journeyId, customerId)
                .query((rs, row) -> Map.<String, Object>of("status", rs.getString(1), "days", rs.getDouble(2)))
                .optional()
                .orElse(null);
        if (last == null) {
            return true;
        }
        return switch (limit.rule()) {
            case "while_not_in" -> !last.get("status").equals("ACTIVE");
            case "again_after_days" -> !last.get("status").equals("ACTIVE") && (double) last.get("days") > limit.days();
            default -> false;
        };
    }
}

package dev.retain.journeys;

import java.time.DayOfWeek;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A journey version as the engine runs it: what enrols customers, who may enter again, what happens when they leave
 * the entry audience, the share held out, the goal, and the nodes from {@code start}.
 */
public record JourneyGraph(
        Trigger trigger,
        EntryLimit entryLimit,
        boolean exitWhenLeaving,
        int holdoutPercent,
        Goal goal,
        String start,
        Map<String, Node> nodes) {

    /**
     * {@code type}: segment_entered, tag_added (with {@code audienceId}), order_placed, event (with {@code eventType}),
     * api, or schedule — every day (or on {@code weekdays}) at the daily run, everyone in {@code audienceId} or everyone
     * matching {@code condition} (a date relative to a field: birthday in 7 days, contract end in 30, 3 days after the
     * first order), the entry limit deciding who enters again.
     */
    public record Trigger(
            String type, Long audienceId, String eventType, JsonNode condition, Set<DayOfWeek> weekdays) {}

    /** {@code once}; {@code again_after_days} (with {@code days}); {@code while_not_in} (again once the last ended). */
    public record EntryLimit(String rule, Integer days) {}

    /** A paid order within {@code withinDays} of entering ends the journey as a conversion; null for none. */
    public record Goal(String type, int withinDays) {}

    /**
     * A node: {@code type} says what it does, {@code params} how; {@code next} follows it, and branching nodes name
     * their ways out in {@code branches} (yes/no, the variants of a split, the event of a wait).
     */
    public record Node(String id, String type, JsonNode params, String next, Map<String, String> branches) {

        /** Where it may lead: its branches, then its next. */
        public List<String> successors() {
            var successors = new ArrayList<>(branches.values());
            if (next != null) {
                successors.add(next);
            }
            return successors;
        }
    }

    public Node node(String id) {
        return nodes.get(id);
    }

    /** The nodes reachable from the start, breadth first: the order a reader follows. */
    public List<Node> inOrder() {
        var seen = new LinkedHashSet<String>();
        var queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (nodes.containsKey(id) && seen.add(id)) {
                queue.addAll(nodes.get(id).successors());
            }
        }
        return seen.stream().map(nodes::get).toList();
    }
}

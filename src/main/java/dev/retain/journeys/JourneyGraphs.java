package dev.retain.journeys;

import dev.retain.platform.InvalidInputException;
import dev.retain.segments.Conditions;
import java.time.DayOfWeek;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a journey's JSON into a {@link JourneyGraph} and checks it: known triggers and node types, parameters each
 * node needs, references that exist, every node reachable from the start, and no loop that could spin without a wait.
 * Problems are keyed by path, e.g. {@code nodes.check.branches.no}.
 */
@Component
public class JourneyGraphs {

    static final Set<String> TRIGGERS =
            Set.of("segment_entered", "tag_added", "order_placed", "event", "api", "schedule");
    static final Set<String> ENTRY_RULES = Set.of("once", "again_after_days", "while_not_in");
    static final Set<String> SINCE_ENTERING = Set.of("ordered", "opened", "clicked", "coupon_redeemed");
    static final int MAX_HOLDOUT_PERCENT = 50;

    private final Map<String, JourneyAction> actions;
    private final Conditions conditions;

    JourneyGraphs(List<JourneyAction> actions, Conditions conditions) {
        this.actions = actions.stream().collect(Collectors.toMap(JourneyAction::type, Function.identity()));
        this.conditions = conditions;
    }

    /** The node types an editor may offer: the engine's own and every action's. */
    public Set<String> nodeTypes() {
        var types = new java.util.TreeSet<>(Set.of("wait", "branch", "split", "exit"));
        types.addAll(actions.keySet());
        return types;
    }

    JourneyAction action(String type) {
        return actions.get(type);
    }

    /** The graph, or an {@link InvalidInputException} listing every problem by path. */
    public JourneyGraph parse(JsonNode json) {
        return parse(json, false);
    }

    /**
     * The graph as for {@link #parse}, also fit to be saved now: its conditions may not test what their fields can no
     * longer answer (an encrypted phone or email), though graphs saved before keep running.
     */
    public JourneyGraph parseToSave(JsonNode json) {
        return parse(json, true);
    }

    private JourneyGraph parse(JsonNode json, boolean saving) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("graph", "must be a JSON object with trigger, start and nodes");
        }
        JsonNode t = json.path("trigger");
        String triggerType = t.path("type").asString("");
        if (!TRIGGERS.contains(triggerType)) {
            problems.put("trigger.type", "must be one of " + new java.util.TreeSet<>(TRIGGERS));
        }
        Long audienceId = t.hasNonNull("audienceId") ? t.get("audienceId").asLong() : null;
        if ((triggerType.equals("segment_entered") || triggerType.equals("tag_added")) && audienceId == null) {
            problems.put("trigger.audienceId", "the segment or tag that enrols customers");
        }
        String eventType = t.path("eventType").asString(null);
        if (triggerType.equals("event") && (eventType == null || eventType.isBlank())) {
            problems.put("trigger.eventType", "the event type that enrols customers, e.g. login");
        }
        JsonNode condition = t.hasNonNull("condition") ? t.get("condition") : null;
        Set<DayOfWeek> weekdays = new java.util.TreeSet<>();
        if (triggerType.equals("schedule")) {
            if ((audienceId == null) == (condition == null)) {
                problems.put("trigger", "a schedule enrols everyone in audienceId, or everyone matching condition");
            }
            if (condition != null) {
                try {
                    condition(condition, saving);
                } catch (InvalidInputException invalid) {
                    invalid.fieldErrors().forEach((field, message) -> problems.put("trigger." + field, message));
                }
            }
            for (JsonNode day : t.path("weekdays")) {
                try {
                    weekdays.add(DayOfWeek.valueOf(day.asString("").toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException wrong) {
                    problems.put("trigger.weekdays", "'" + day.asString() + "' is not a day such as MONDAY");
                }
            }
        }
        JsonNode e = json.path("entryLimit");
        String rule = e.path("rule").asString("once");
        Integer days = e.hasNonNull("days") ? e.get("days").asInt() : null;
        if (!ENTRY_RULES.contains(rule)) {
            problems.put("entryLimit.rule", "must be one of " + new java.util.TreeSet<>(ENTRY_RULES));
        } else if (rule.equals("again_after_days") && (days == null || days < 1)) {
            problems.put("entryLimit.days", "days before a customer may enter again, at least 1");
        }
        int holdout = json.path("holdoutPercent").asInt(0);
        if (holdout < 0 || holdout > MAX_HOLDOUT_PERCENT) {
            problems.put("holdoutPercent", "between 0 and " + MAX_HOLDOUT_PERCENT);
        }
        JourneyGraph.Goal goal = null;
        if (json.hasNonNull("goal")) {
            int within = json.path("goal").path("withinDays").asInt(0);
            if (!json.path("goal").path("type").asString("").equals("order")) {
                problems.put("goal.type", "must be order (a paid order within withinDays of entering)");
            } else if (within < 1) {
                problems.put("goal.withinDays", "at least 1");
            } else {
                goal = new JourneyGraph.Goal("order", within);
            }
        }
        Map<String, JourneyGraph.Node> nodes = new LinkedHashMap<>();
        for (var entry : json.path("nodes").properties()) {
            nodes.put(entry.getKey(), node(entry.getKey(), entry.getValue(), problems, saving));
        }
        String start = json.path("start").asString("");
        if (nodes.isEmpty()) {
            problems.put("nodes", "at least one node");
        } else if (!nodes.containsKey(start)) {
            problems.put("start", "must name a node");
        } else {
            checkReferences(nodes, problems);
            checkReachable(start, nodes, problems);
            checkLoopsWait(nodes, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new JourneyGraph(
                new JourneyGraph.Trigger(triggerType, audienceId, eventType, condition, weekdays),
                new JourneyGraph.EntryLimit(rule, days),
                json.path("exitWhenLeaving").asBoolean(false),
                holdout,
                goal,
                start,
                nodes);
    }

    private JourneyGraph.Node node(String id, JsonNode json, Map<String, String> problems, boolean saving) {
        String path = "nodes." + id;
        String type = json.path("type").asString("");
        JsonNode params = json.hasNonNull("params") ? json.get("params") : JsonNodeFactory.instance.objectNode();
        String next = json.path("next").asString(null);
        Map<String, String> branches = new LinkedHashMap<>();
        for (var branch : json.path("branches").properties()) {
            branches.put(branch.getKey(), branch.getValue().asString());
        }
        switch (type) {
            case "wait" -> {
                boolean duration = params.has("days") || params.has("hours") || params.has("minutes");
                boolean event = params.has("event");
                if (!duration && !event && !params.has("untilTime")) {
                    problems.put(
                            path + ".params", "days/hours/minutes, untilTime (HH:mm), or event with days as timeout");
                }
                if (event && !SINCE_ENTERING.contains(params.get("event").asString(""))) {
                    problems.put(path + ".params.event", "must be one of " + new java.util.TreeSet<>(SINCE_ENTERING));
                }
                if (event && !branches.containsKey("event")) {
                    problems.put(path + ".branches.event", "the node to go to when the event happens");
                }
                if (next == null) {
                    problems.put(path + ".next", "the node after the wait (or its timeout)");
                }
            }
            case "branch" -> {
                if (params.has("since")) {
                    if (!SINCE_ENTERING.contains(params.get("since").asString(""))) {
                        problems.put(
                                path + ".params.since", "must be one of " + new java.util.TreeSet<>(SINCE_ENTERING));
                    }
                } else if (params.has("condition")) {
                    try {
                        condition(params.get("condition"), saving);
                    } catch (InvalidInputException invalid) {
                        invalid.fieldErrors()
                                .forEach((field, message) -> problems.put(path + ".params." + field, message));
                    }
                } else {
                    problems.put(path + ".params", "a condition, or since: ordered, opened, clicked, coupon_redeemed");
                }
                if (!branches.containsKey("yes") || !branches.containsKey("no")) {
                    problems.put(path + ".branches", "yes and no");
                }
            }
            case "split" -> {
                if (branches.size() < 2) {
                    problems.put(path + ".branches", "at least two variants, e.g. {\"a\": \"n1\", \"b\": \"n2\"}");
                }
                for (String variant : branches.keySet()) {
                    if (params.path("weights").path(variant).asInt(0) < 1) {
                        problems.put(path + ".params.weights." + variant, "a positive weight for each variant");
                    }
                }
            }
            case "exit" -> {}
            default -> {
                JourneyAction action = actions.get(type);
                if (action == null) {
                    problems.put(path + ".type", "'" + type + "' is not one of " + nodeTypes());
                } else {
                    action.problems(params)
                            .forEach(problem -> problems.merge(path + ".params", problem, (a, b) -> a + "; " + b));
                    if (next == null) {
                        problems.put(path + ".next", "the node after this one (an exit node ends the journey)");
                    }
                }
            }
        }
        return new JourneyGraph.Node(id, type, params, next, branches);
    }

    private void condition(JsonNode condition, boolean saving) {
        if (saving) {
            conditions.parseToSave(condition);
        } else {
            conditions.parse(condition);
        }
    }

    private static void checkReferences(Map<String, JourneyGraph.Node> nodes, Map<String, String> problems) {
        for (JourneyGraph.Node node : nodes.values()) {
            if (node.next() != null && !nodes.containsKey(node.next())) {
                problems.put("nodes." + node.id() + ".next", "'" + node.next() + "' is not a node");
            }
            node.branches().forEach((branch, target) -> {
                if (!nodes.containsKey(target)) {
                    problems.put("nodes." + node.id() + ".branches." + branch, "'" + target + "' is not a node");
                }
            });
        }
    }

    private static void checkReachable(
            String start, Map<String, JourneyGraph.Node> nodes, Map<String, String> problems) {
        Set<String> seen = new HashSet<>();
        var queue = new ArrayDeque<String>(List.of(start));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            JourneyGraph.Node node = nodes.get(id);
            if (node != null && seen.add(id)) {
                queue.addAll(node.successors());
            }
        }
        nodes.keySet().stream()
                .filter(id -> !seen.contains(id))
                .forEach(id -> problems.put("nodes." + id, "unreachable from the start"));
    }

    /** A loop must pass a wait, or one step would run the same nodes again and again at once. */
    private static void checkLoopsWait(Map<String, JourneyGraph.Node> nodes, Map<String, String> problems) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the current path, 2 done
        for (String id : nodes.keySet()) {
            String loop = loopWithoutWait(id, nodes, state);
            if (loop != null) {
                problems.put("nodes." + loop, "is on a loop without a wait");
                return;
            }
        }
    }

    private static String loopWithoutWait(String id, Map<String, JourneyGraph.Node> nodes, Map<String, Integer> state) {
        JourneyGraph.Node node = nodes.get(id);
        if (node == null || node.type().equals("wait") || state.getOrDefault(id, 0) == 2) {
            return null;
        }
        if (state.getOrDefault(id, 0) == 1) {
            return id;
        }
        state.put(id, 1);
        for (String next : node.successors()) {
            String loop = loopWithoutWait(next, nodes, state);
            if (loop != null) {
                return loop;
            }
        }
        state.put(id, 2);
        return null;
    }
}

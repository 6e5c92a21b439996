package dev.retain.loyalty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks event rules as an admin wrote them and applies their presets: every problem goes under
 * {@code eventRules[i].field} (or {@code field} alone for a single rule), so nothing half-checked is written.
 */
final class EventRuleCheck {

    static final int MAX_RULES = 100;
    static final int MAX_POINTS = 1_000_000;
    static final int MAX_CAP = 1_000_000;

    private EventRuleCheck() {}

    /** The rules of a version, each checked; problems are put under {@code eventRules[i].…}. */
    static List<EventRule> all(List<EventRuleDraft> drafts, Map<String, String> problems) {
        List<EventRule> rules = new ArrayList<>();
        if (drafts.size() > MAX_RULES) {
            problems.put("eventRules", "at most " + MAX_RULES + " event rules");
            return rules;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String prefix = "eventRules[" + i + "].";
            EventRule rule = one(drafts.get(i), prefix, problems);
            if (rule != null && !seen.add(rule.event())) {
                problems.put(prefix + "event", "'" + rule.event() + "' has a rule already: one rule per event name");
            } else if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** One rule, checked, or null when it has problems (put under {@code prefix + field}). */
    static EventRule one(EventRuleDraft draft, String prefix, Map<String, String> problems) {
        if (draft == null) {
            problems.put(prefix.isEmpty() ? "eventRule" : prefix.substring(0, prefix.length() - 1), "is empty");
            return null;
        }
        int before = problems.size();
        EventPreset preset = null;
        if (draft.preset() != null && !draft.preset().isBlank()) {
            try {
                preset = EventPreset.valueOf(draft.preset().strip());
            } catch (IllegalArgumentException e) {
                problems.put(
                        prefix + "preset",
                        "unknown preset '" + draft.preset() + "': one of "
                                + Arrays.stream(EventPreset.values())
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", ")));
            }
        }
        String event = blankToNull(draft.event());
        if (event == null && preset != null) {
            event = preset.event();
        }
        if (event == null) {
            problems.put(prefix + "event", "the event name is required (e.g. login), or a preset");
        } else if (event.length() > 100) {
            problems.put(prefix + "event", "at most 100 characters");
        }
        String label = blankToNull(draft.label());
        if (label != null && label.length() > 100) {
            problems.put(prefix + "label", "at most 100 characters");
        }
        Integer points = draft.points() != null ? draft.points() : preset == null ? null : preset.points();
        if (points == null) {
            problems.put(prefix + "points", "the points an event earns are required");
        } else if (points < 1 || points > MAX_POINTS) {
            problems.put(prefix + "points", "must be a whole number from 1 to " + MAX_POINTS);
        }
        Integer daily = draft.dailyCap() != null ? draft.dailyCap() : preset == null ? null : preset.dailyCap();
        cap(daily, prefix + "dailyCap", "events a day", problems);
        Integer lifetime =
                draft.lifetimeCap() != null ? draft.lifetimeCap() : preset == null ? null : preset.lifetimeCap();
        cap(lifetime, prefix + "lifetimeCap", "events ever", problems);
        String key = blankToNull(draft.propertyKey());
        String value = blankToNull(draft.propertyValue());
        if ((key == null) != (value == null)) {
            problems.put(
                    prefix + (key == null ? "propertyKey" : "propertyValue"),
                    "a property filter needs both a property and its value");
        } else if (key != null && (key.length() > 100 || value.length() > 200)) {
            problems.put(prefix + "propertyKey", "a property of at most 100 characters, a value of at most 200");
        }
        if (problems.size() > before) {
            return null;
        }
        return new EventRule(event, label, points, daily, lifetime, key, value);
    }

    private static void cap(Integer cap, String field, String what, Map<String, String> problems) {
        if (cap != null && (cap < 1 || cap > MAX_CAP)) {
            problems.put(field, "at most how many " + what + " earn: 1 to " + MAX_CAP + ", or empty for no cap");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

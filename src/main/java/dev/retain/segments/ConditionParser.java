package dev.retain.segments;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON form of a condition and checks it against the field registry, collecting a message per faulty part
 * keyed by its path ({@code condition.and[1].value}).
 *
 * <pre>
 * {"and": [ {"field": "orders.count", "op": "gte", "value": 3, "params": {"within_days": 30}},
 *           {"not": {"field": "tag", "op": "has", "value": "VIP"}} ]}
 * </pre>
 */
final class ConditionParser {

    private static final Set<String> NO_VALUE = Set.of("is_empty", "is_not_empty", "is_true", "is_false");
    private static final Set<String> DAY_COUNTS =
            Set.of("in_last_days", "in_next_days", "more_than_days_ago", "anniversary_in_next_days");
    private static final int MAX_DEPTH = 10;

    private final ConditionFields fields;
    private final Map<String, String> problems = new LinkedHashMap<>();

    ConditionParser(ConditionFields fields) {
        this.fields = fields;
    }

    /** The condition, or null when there were problems (see {@link #problems()}). */
    Condition parse(JsonNode json, String path) {
        Condition condition = node(json, path, 0);
        return problems.isEmpty() ? condition : null;
    }

    Map<String, String> problems() {
        return problems;
    }

    private Condition node(JsonNode json, String path, int depth) {
        if (json == null || !json.isObject()) {
            return problem(path, "must be an object: a group (and / or / not) or a criterion (field, op, value)");
        }
        if (depth > MAX_DEPTH) {
            return problem(path, "groups are nested more than " + MAX_DEPTH + " deep");
        }
        if (json.has("and") || json.has("or")) {
            String kind = json.has("and") ? "and" : "or";
            JsonNode members = json.get(kind);
            if (!members.isArray() || members.isEmpty()) {
                return problem(path + "." + kind, "must be a non-empty list of conditions");
            }
            var children = new ArrayList<Condition>();
            for (int i = 0; i < members.size(); i++) {
                children.add(node(members.get(i), path + "." + kind + "[" + i + "]", depth + 1));
            }
            return kind.equals("and") ? new Condition.All(children) : new Condition.Any(children);
        }
        if (json.has("not")) {
            return new Condition.Not(node(json.get("not"), path + ".not", depth + 1));
        }
        return criterion(json, path);
    }

    private Condition criterion(JsonNode json, String path) {
        int problemsBefore = problems.size();
        String name = text(json.get("field"));
        if (name == null) {
            return problem(path + ".field", "is missing: name the field to test, or use and / or / not");
        }
        ConditionField field = fields.find(name).orElse(null);
        if (field == null) {
            return problem(path + ".field", "unknown field \"" + name + "\"");
        }
        String op = text(json.get("op"));
        if (op == null || !field.type().operators().contains(op)) {
            return problem(
                    path + ".op",
                    (op == null ? "is missing" : "\"" + op + "\" does not apply") + " to " + name + "; use one of "
                            + String.join(", ", field.type().operators()));
        }
        Map<String, Object> parameters = parameters(field, json.get("params"), path + ".params");
        Object value = value(field, op, json.get("value"), path + ".value");
        if (problems.size() == problemsBefore) {
            String fieldProblem = field.problemWith(parameters, value);
            if (fieldProblem != null) {
                problem(path, fieldProblem);
            }
        }
        return new Condition.Criterion(path, field, op, value, parameters);
    }

    private Map<String, Object> parameters(ConditionField field, JsonNode json, String path) {
        var parameters = new LinkedHashMap<String, Object>();
        if (json != null && !json.isNull() && !json.isObject()) {
            problem(path, "must be an object");
            return parameters;
        }
        if (json != null && json.isObject()) {
            for (String given : json.propertyNames()) {
                if (field.parameters().stream().noneMatch(p -> p.name().equals(given))) {
                    problem(path + "." + given, "is not a parameter of " + field.name());
                }
            }
        }
        for (FieldParameter parameter : field.parameters()) {
            JsonNode given = json == null ? null : json.get(parameter.name());
            String where = path + "." + parameter.name();
            if (given == null || given.isNull()) {
                if (parameter.required()) {
                    problem(where, "is required");
                }
            } else if (parameter.type() == ValueType.NUMBER) {
                if (!given.canConvertToInt() || !given.isIntegralNumber() || given.asInt() <= 0) {
                    problem(where, "must be a whole number of days above 0");
                } else {
                    parameters.put(parameter.name(), given.asInt());
                }
            } else {
                String text = text(given);
                if (text == null || text.isBlank()) {
                    problem(where, "must be a text");
                } else if (!parameter.options().isEmpty()
                        && !parameter.options().contains(text)) {
                    problem(where, "must be one of " + String.join(", ", parameter.options()));
                } else {
                    parameters.put(parameter.name(), text);
                }
            }
        }
        return parameters;
    }

    private Object value(ConditionField field, String op, JsonNode json, String path) {
        if (NO_VALUE.contains(op)) {
            return null;
        }
        if (json == null || json.isNull()) {
            problem(path, "is missing");
            return null;
        }
        if (op.equals("between")) {
            if (!json.isArray() || json.size() != 2) {
                problem(path, "must be a list of two values, low and high");
                return null;
            }
            Object low = scalar(field, json.get(0), path + "[0]");
            Object high = scalar(field, json.get(1), path + "[1]");
            if (low == null || high == null) {
                return null;
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            int order = ((Comparable) low).compareTo(high);
            if (order > 0) {
                problem(path, "the low value is above the high value");
            }
            return List.of(low, high);
        }
        if (op.equals("in") || op.equals("not_in")) {
            if (!json.isArray() || json.isEmpty()) {
                problem(path, "must be a non-empty list");
                return null;
            }
            var values = new ArrayList<Object>();
            for (int i = 0; i < json.size(); i++) {
                values.add(scalar(field, json.get(i), path + "[" + i + "]"));
            }
            return values.contains(null) ? null : values;
        }
        if (DAY_COUNTS.contains(op)) {
            if (!json.isIntegralNumber() || !json.canConvertToInt() || json.asInt() < 0) {
                problem(path, "must be a whole number of days, 0 or more");
                return null;
            }
            return json.asInt();
        }
        return scalar(field, json, path);
    }

    private Object scalar(ConditionField field, JsonNode json, String path) {
        switch (field.type()) {
            case NUMBER:
                if (!json.isNumber()) {
                    problem(path, "must be a number");
                    return null;
                }
                return json.decimalValue();
            case DATE:
                try {
                    return LocalDate.parse(text(json) == null ? "" : text(json));
                } catch (DateTimeParseException e) {
                    problem(path, "must be a date like 2026-01-31");
                    return null;
                }
            case ENUM:
                String choice = text(json);
                if (choice == null
                        || (!field.options().isEmpty() && !field.options().contains(choice))) {
                    problem(path, "must be one of " + String.join(", ", field.options()));
                    return null;
                }
                return choice;
            default:
                String text = text(json);
                if (text == null) {
                    problem(path, "must be a text");
                }
                return text;
        }
    }

    private static String text(JsonNode json) {
        return json != null && json.isString() ? json.asString() : null;
    }

    private Condition problem(String path, String message) {
        problems.putIfAbsent(path, message);
        return null;
    }
}

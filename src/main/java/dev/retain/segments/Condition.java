package dev.retain.segments;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked condition: AND / OR / NOT groups of criteria. Built from JSON by {@link Conditions#parse}; every field,
 * operator and value has been checked against the field registry.
 */
public sealed interface Condition permits Condition.All, Condition.Any, Condition.Not, Condition.Criterion {

    /** Every criterion, in document order. */
    List<Criterion> criteria();

    /** Every kind of change that can alter the outcome. */
    default Set<DataChange> changedBy() {
        var changes = EnumSet.noneOf(DataChange.class);
        criteria().forEach(criterion -> changes.addAll(criterion.field().changedBy()));
        return changes;
    }

    record All(List<Condition> conditions) implements Condition {
        @Override
        public List<Criterion> criteria() {
            return conditions.stream().flatMap(c -> c.criteria().stream()).toList();
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        @Override
        public List<Criterion> criteria() {
            return conditions.stream().flatMap(c -> c.criteria().stream()).toList();
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public List<Criterion> criteria() {
            return condition.criteria();
        }
    }

    /**
     * One test of one field: {@code value} is a BigDecimal, String, LocalDate, Integer (days) or a List of them, as the
     * operator needs; null for operators without a value.
     */
    record Criterion(String path, ConditionField field, String op, Object value, Map<String, Object> parameters)
            implements Condition {
        @Override
        public List<Criterion> criteria() {
            return List.of(this);
        }

        /** The field with its parameters, e.g. {@code orders.count(within_days=30)}: how values are labelled. */
        public String label() {
            if (parameters.isEmpty()) {
                return field.name();
            }
            var text = new StringBuilder(field.name()).append('(');
            parameters.forEach((name, value) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
                    .append(name)
                    .append('=')
                    .append(value));
            return text.append(')').toString();
        }
    }
}

package dev.retain.segments;

import java.util.List;

/** What kind of value a condition field has; it decides which operators apply. */
public enum ValueType {
    NUMBER(List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty")),
    TEXT(List.of("eq", "ne", "in", "not_in", "contains", "starts_with", "is_empty", "is_not_empty")),
    ENUM(List.of("eq", "ne", "in", "not_in", "is_empty", "is_not_empty")),
    DATE(List.of(
            "before",
            "after",
            "between",
            "in_last_days",
            "in_next_days",
            "more_than_days_ago",
            "anniversary_in_next_days",
            "is_empty",
            "is_not_empty")),
    BOOLEAN(List.of("is_true", "is_false"));

    private final List<String> operators;

    ValueType(List<String> operators) {
        this.operators = operators;
    }

    public List<String> operators() {
        return operators;
    }
}

package dev.retain.segments;

import java.util.List;

/**
 * A parameter of a condition field, e.g. {@code within_days} or {@code category}. {@code options} lists the allowed
 * values of a text parameter when it has a fixed set.
 */
public record FieldParameter(String name, ValueType type, boolean required, List<String> options) {

    public static FieldParameter days(String name, boolean required) {
        return new FieldParameter(name, ValueType.NUMBER, required, List.of());
    }

    public static FieldParameter text(String name, boolean required) {
        return new FieldParameter(name, ValueType.TEXT, required, List.of());
    }

    public static FieldParameter choice(String name, boolean required, List<String> options) {
        return new FieldParameter(name, ValueType.ENUM, required, options);
    }
}

package dev.retain.segments.web;

import dev.retain.segments.ConditionField;
import dev.retain.segments.ConditionFields;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.ValueType;
import java.util.List;

/** A condition field as the builder shows it: its operators, options and parameters. */
record FieldView(
        String name, ValueType type, List<String> operators, List<String> options, List<FieldParameter> parameters) {

    static FieldView of(ConditionField field) {
        return new FieldView(field.name(), field.type(), field.type().operators(), field.options(), field.parameters());
    }

    static List<FieldView> all(ConditionFields fields) {
        return fields.all().stream().map(FieldView::of).toList();
    }
}

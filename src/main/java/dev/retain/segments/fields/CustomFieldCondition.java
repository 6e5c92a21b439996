package dev.retain.segments.fields;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.segments.ConditionField;
import dev.retain.segments.ConditionFields;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A custom field an admin defined, read from the customer's typed custom values; the key is a bind parameter. */
public record CustomFieldCondition(CustomFieldDefinition definition) implements ConditionField {

    @Override
    public String name() {
        return ConditionFields.CUSTOM_PREFIX + definition.key();
    }

    @Override
    public ValueType type() {
        switch (definition.type()) {
            case NUMBER:
                return ValueType.NUMBER;
            case DATE:
                return ValueType.DATE;
            case ENUM:
                return ValueType.ENUM;
            case BOOLEAN:
                return ValueType.BOOLEAN;
            default:
                return ValueType.TEXT;
        }
    }

    @Override
    public List<String> options() {
        return definition.options();
    }

    @Override
    public Set<DataChange> changedBy() {
        return type() == ValueType.DATE ? Set.of(DataChange.PROFILE, DataChange.TIME) : Set.of(DataChange.PROFILE);
    }

    @Override
    public String valueSql(Map<String, Object> parameters, FieldQuery query) {
        String text = "(" + query.customer("custom_fields") + " ->> " + query.bind(definition.key()) + ")";
        switch (type()) {
            case NUMBER:
                return text + "::numeric";
            case DATE:
                return text + "::date";
            case BOOLEAN:
                return text + "::boolean";
            default:
                return text;
        }
    }
}

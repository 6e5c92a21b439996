package dev.retain.segments;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field conditions can test, e.g. {@code orders.count} or {@code profile.city}. Modules add fields — scores, loyalty
 * tiers, ticket counts — by declaring a bean; the compiler knows none of them. A field writes the SQL of its value;
 * the compiler applies the operator and binds the compared values.
 */
public interface ConditionField {

    /** Unique name used in conditions, {@code group.field}. */
    String name();

    ValueType type();

    /** The allowed values of an ENUM field. */
    default List<String> options() {
        return List.of();
    }

    default List<FieldParameter> parameters() {
        return List.of();
    }

    /** The changes that can alter this field's value. */
    Set<DataChange> changedBy();

    /**
     * Why these parameters and {@code value} (both already of the right type) are not acceptable for this field, or
     * null. For example an unknown tag name.
     */
    default String problemWith(Map<String, Object> parameters, Object value) {
        return null;
    }

    /**
     * Why a new or changed condition should not use this operator and value now, though conditions saved before keep
     * running (e.g. a field encrypted since, which only answers whether it is empty), or null.
     */
    default String problemWhenSaving(String op, Object value) {
        return null;
    }

    /** The SQL expression of the field's value for the customer, with the parameters already checked. */
    String valueSql(Map<String, Object> parameters, FieldQuery query);
}

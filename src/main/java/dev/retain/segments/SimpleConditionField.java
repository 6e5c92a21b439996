package dev.retain.segments;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A {@link ConditionField} made of its parts; what most fields need. */
public record SimpleConditionField(
        String name,
        ValueType type,
        List<String> options,
        List<FieldParameter> parameters,
        Set<DataChange> changedBy,
        BiFunction<Map<String, Object>, FieldQuery, String> sql,
        BiFunction<Map<String, Object>, Object, String> check)
        implements ConditionField {

    public static SimpleConditionField of(
            String name,
            ValueType type,
            Set<DataChange> changedBy,
            List<FieldParameter> parameters,
            BiFunction<Map<String, Object>, FieldQuery, String> sql) {
        return new SimpleConditionField(name, type, List.of(), parameters, changedBy, sql, (given, value) -> null);
    }

    public static SimpleConditionField choice(
            String name, List<String> options, Set<DataChange> changedBy, Function<FieldQuery, String> sql) {
        return new SimpleConditionField(
                name, ValueType.ENUM, options, List.of(), changedBy, (p, q) -> sql.apply(q), (given, value) -> null);
    }

    /** The same field with a check of the compared value. */
    public SimpleConditionField checking(BiFunction<Map<String, Object>, Object, String> check) {
        return new SimpleConditionField(name, type, options, parameters, changedBy, sql, check);
    }

    @Override
    public String problemWith(Map<String, Object> parameters, Object value) {
        return check.apply(parameters, value);
    }

    @Override
    public String valueSql(Map<String, Object> parameters, FieldQuery query) {
        return sql.apply(parameters, query);
    }
}

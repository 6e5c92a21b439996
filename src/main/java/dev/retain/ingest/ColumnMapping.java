package dev.retain.ingest;

import dev.retain.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which column of the file feeds which field: field key → column index, checked against the file's headers and the
 * kind's rules (an order needs a date, an amount and a customer; its id may be left out).
 */
final class ColumnMapping {

    private final Map<String, Integer> columns;

    private ColumnMapping(Map<String, Integer> columns) {
        this.columns = columns;
    }

    static ColumnMapping of(ImportKind kind, Map<String, String> fieldToHeader, List<String> headers) {
        var errors = new LinkedHashMap<String, String>();
        var columns = new LinkedHashMap<String, Integer>();
        fieldToHeader.forEach((field, header) -> {
            if (!kind.fields().contains(field)) {
                errors.put(
                        "mapping." + field, "'" + field + "' is not a field of " + kind + "; fields: " + kind.fields());
            } else if (header == null || !headers.contains(header)) {
                errors.put("mapping." + field, "the file has no column '" + header + "'; columns: " + headers);
            } else {
                columns.put(field, headers.indexOf(header));
            }
        });
        var mapping = new ColumnMapping(columns);
        if (errors.isEmpty()) {
            requireFields(kind, mapping, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return mapping;
    }

    private static void requireFields(ImportKind kind, ColumnMapping mapping, Map<String, String> errors) {
        boolean identifiesCustomer = mapping.has("customer_id") || mapping.has("phone") || mapping.has("email");
        switch (kind) {
            case CUSTOMERS -> {
                if (!identifiesCustomer && !mapping.has("company_name")) {
                    errors.put("mapping", "map a customer id, phone, email or company name column");
                }
            }
            case ORDERS -> {
                requireField(mapping, "order_date", errors);
                if (!mapping.has("amount") && !mapping.has("unit_price")) {
                    errors.put("mapping.amount", "map an amount column (or unit price and quantity)");
                }
                if (!identifiesCustomer) {
                    errors.put("mapping.customer_id", "map a customer id, phone or email column");
                }
            }
            case EVENTS -> {
                requireField(mapping, "event_type", errors);
                requireField(mapping, "occurred_at", errors);
                if (!identifiesCustomer) {
                    errors.put("mapping.customer_id", "map a customer id, phone or email column");
                }
            }
        }
    }

    private static void requireField(ColumnMapping mapping, String field, Map<String, String> errors) {
        if (!mapping.has(field)) {
            errors.put("mapping." + field, "map a column to '" + field + "'");
        }
    }

    boolean has(String field) {
        return columns.containsKey(field);
    }

    boolean isMappedColumn(int column) {
        return columns.containsValue(column);
    }

    /** The trimmed cell of a field, or null when unmapped, missing or blank. */
    String cell(String[] row, String field) {
        Integer column = columns.get(field);
        if (column == null || column >= row.length || row[column] == null) {
            return null;
        }
        String value = row[column].strip();
        return value.isEmpty() ? null : value;
    }
}

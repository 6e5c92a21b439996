package dev.retain.ingest;

import dev.retain.ingest.cleansing.MissingValues;
import dev.retain.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        if (errors.isEmpty()) {
            unmatchedRequiredFields(kind, fieldToHeader.keySet())
                    .forEach((field, problem) -> errors.put("mapping." + field, problem));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ColumnMapping(columns);
    }

    /** The required fields of the kind that no column is mapped to, each with what to map. */
    static Map<String, String> unmatchedRequiredFields(ImportKind kind, Set<String> mapped) {
        var unmatched = new LinkedHashMap<String, String>();
        boolean identifiesCustomer =
                mapped.contains("customer_id") || mapped.contains("phone") || mapped.contains("email");
        switch (kind) {
            case CUSTOMERS -> {
                if (!identifiesCustomer && !mapped.contains("company_name")) {
                    unmatched.put("customer_id", "map a customer id, phone, email or company name column");
                }
            }
            case ORDERS -> {
                requireField(mapped, "order_date", unmatched);
                if (!mapped.contains("amount") && !mapped.contains("unit_price")) {
                    unmatched.put("amount", "map an amount column (or unit price and quantity)");
                }
                if (!identifiesCustomer) {
                    unmatched.put("customer_id", "map a customer id, phone or email column");
                }
            }
            case EVENTS -> {
                requireField(mapped, "event_type", unmatched);
                requireField(mapped, "occurred_at", unmatched);
                if (!identifiesCustomer) {
                    unmatched.put("customer_id", "map a customer id, phone or email column");
                }
            }
        }
        return unmatched;
    }

    private static void requireField(Set<String> mapped, String field, Map<String, String> unmatched) {
        if (!mapped.contains(field)) {
            unmatched.put(field, "map a column to '" + field + "'");
        }
    }

    boolean has(String field) {
        return columns.containsKey(field);
    }

    boolean isMappedColumn(int column) {
        return columns.containsValue(column);
    }

    /** The trimmed cell of a field, or null when unmapped, blank or a placeholder such as {@code NA}. */
    String cell(String[] row, String field) {
        Integer column = columns.get(field);
        if (column == null || column >= row.length || MissingValues.isMissing(row[column])) {
            return null;
        }
        return row[column].strip();
    }
}

package dev.retain.ingest.cleansing;

import java.util.Locale;
import java.util.Set;

/**
 * The words exports write where a value is unknown: R and pandas write {@code NA}, Excel {@code #N/A}, databases
 * {@code NULL}, Chinese templates {@code 无} or {@code 空}. Read as values they become customers called "NA" that
 * swallow every anonymous order, so every field treats them as empty.
 */
public final class MissingValues {

    private static final Set<String> PLACEHOLDERS = Set.of("na", "n/a", "#n/a", "null", "none", "-", "无", "空");

    private MissingValues() {}

    /** True for null, blank, and a placeholder for a missing value (any case, full-width or not). */
    public static boolean isMissing(String cell) {
        if (cell == null || cell.isBlank()) {
            return true;
        }
        String value = cell.strip();
        return value.length() <= 4
                && PLACEHOLDERS.contains(FullWidth.toHalfWidth(value).strip().toLowerCase(Locale.ROOT));
    }
}

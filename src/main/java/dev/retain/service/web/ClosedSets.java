package dev.retain.service.web;

import dev.retain.platform.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Reads a value of a closed set as sent (a status, a channel), refusing others with the values allowed. */
final class ClosedSets {

    private ClosedSets() {}

    /** Null or blank reads as null. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}

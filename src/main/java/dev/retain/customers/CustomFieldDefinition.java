package dev.retain.customers;

import java.util.List;

/** A typed field an admin adds to every customer; {@code options} lists the values of an ENUM. */
public record CustomFieldDefinition(
        long id,
        String key,
        String label,
        CustomFieldType type,
        List<String> options,
        boolean required,
        int position) {}

package dev.retain.ingest;

import dev.retain.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A column mapping written as text, as on the command line: {@code customer_id=CustomerID,order_date=InvoiceDate}.
 * Header names may contain spaces; a comma inside a header can be written as {@code \,}.
 */
public final class MappingText {

    private MappingText() {}

    public static Map<String, String> parse(String text) {
        var mapping = new LinkedHashMap<String, String>();
        if (text == null || text.isBlank()) {
            return mapping;
        }
        for (String pair : text.split("(?<!\\\\),")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException("mapping", "'" + pair.strip() + "' is not field=column");
            }
            mapping.put(
                    pair.substring(0, equals).strip(),
                    pair.substring(equals + 1).strip().replace("\\,", ","));
        }
        return mapping;
    }

    /** The mapping as text, the inverse of {@link #parse}. */
    public static String format(Map<String, String> mapping) {
        var text = new StringBuilder();
        mapping.forEach((field, column) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(field).append('=').append(column.replace(",", "\\,"));
        });
        return text.toString();
    }
}

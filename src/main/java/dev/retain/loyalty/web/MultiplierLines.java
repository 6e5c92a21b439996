package dev.retain.loyalty.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Multipliers typed one per line as {@code name=multiplier} (a category or a SKU), e.g. {@code 咖啡=2}. */
final class MultiplierLines {

    private MultiplierLines() {}

    /**
     * The multipliers of the text, in its order; blank lines are skipped. A line without {@code =}, without a name or
     * with a multiplier that is not a number puts a problem naming the line under {@code field}.
     */
    static Map<String, BigDecimal> parse(String text, String field, Map<String, String> errors) {
        Map<String, BigDecimal> multipliers = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = Math.max(line.lastIndexOf('='), line.lastIndexOf('＝'));
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (name.isEmpty() || value.isEmpty()) {
                errors.put(field, "line " + (i + 1) + ": '" + line + "' is not name=multiplier (e.g. 咖啡=2)");
                return multipliers;
            }
            try {
                if (multipliers.put(name, new BigDecimal(value)) != null) {
                    errors.put(field, "line " + (i + 1) + ": '" + name + "' is given twice");
                    return multipliers;
                }
            } catch (NumberFormatException e) {
                errors.put(field, "line " + (i + 1) + ": '" + value + "' is not a number");
                return multipliers;
            }
        }
        return multipliers;
    }
}

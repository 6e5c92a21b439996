package dev.retain.platform.calendars;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.SpecialDay;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads holiday lists in the format of the shipped one: a header {@code date,kind,name}, then one ISO date, {@code
 * holiday} or {@code workday}, and a name per line. Every bad line is reported by its number.
 */
final class SpecialDaysCsv {

    private static final String HEADER = "date,kind,name";

    private SpecialDaysCsv() {}

    static List<SpecialDay> read(String csv) {
        List<SpecialDay> days = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<LocalDate, Integer> lineOfDate = new HashMap<>();
        String[] lines = (csv == null ? "" : csv.replace("\uFEFF", "")).split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || (number == 1 && line.replace(" ", "").equalsIgnoreCase(HEADER))) {
                continue;
            }
            String[] fields = line.split(",", 3);
            if (fields.length < 2) {
                errors.put("line " + number, "expected date,kind,name but found \"" + line + "\"");
                continue;
            }
            try {
                LocalDate date = LocalDate.parse(fields[0].strip());
                String name = fields.length == 3 ? unquote(fields[2].strip()) : "";
                SpecialDay day = new SpecialDay(date, SpecialDay.Kind.ofCode(fields[1]), name, null);
                Integer earlier = lineOfDate.putIfAbsent(date, number);
                if (earlier != null) {
                    errors.put("line " + number, date + " is already on line " + earlier);
                } else {
                    days.add(day);
                }
            } catch (DateTimeException e) {
                errors.put("line " + number, "\"" + fields[0].strip() + "\" is not a date like 2027-01-01");
            } catch (IllegalArgumentException e) {
                errors.put("line " + number, e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (days.isEmpty()) {
            throw new InvalidInputException("csv", "no special days found; expected lines like 2027-01-01,holiday,元旦");
        }
        return days;
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
                : text;
    }
}

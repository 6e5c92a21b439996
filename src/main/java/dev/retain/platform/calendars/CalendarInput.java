package dev.retain.platform.calendars;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.WorkingHours;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns what the API and the page send (time zone names, periods as text) into calendar values, collecting one
 * message per invalid field, so a request fails once with every problem named.
 */
final class CalendarInput {

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** A working period as sent and shown: "09:00" to "12:00". */
    record PeriodText(String start, String end) {

        static PeriodText of(WorkingHours.Period period) {
            return new PeriodText(period.start().toString(), period.end().toString());
        }
    }

    ZoneId zone(String field, String name) {
        try {
            return ZoneId.of(name == null ? "" : name.strip());
        } catch (DateTimeException e) {
            errors.put(field, "\"" + name + "\" is not a time zone like Asia/Shanghai");
            return null;
        }
    }

    /** Periods per weekday from the API; a weekday left out is a day off. */
    Map<DayOfWeek, WorkingHours> weeklyHours(String field, Map<DayOfWeek, List<PeriodText>> periods) {
        if (periods == null) {
            return Map.of();
        }
        return weekly(day -> hours(field + "." + day, periods.getOrDefault(day, List.of())));
    }

    /** Text per weekday from the page, e.g. "09:00-12:00, 13:00-18:00". */
    Map<DayOfWeek, WorkingHours> weeklyHoursText(String field, Map<DayOfWeek, String> texts) {
        return weekly(day -> hoursText(field + "." + day, texts.get(day)));
    }

    WorkingHours hours(String field, List<PeriodText> periods) {
        if (periods == null) {
            return WorkingHours.NONE;
        }
        List<WorkingHours.Period> parsed = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            PeriodText period = periods.get(i);
            try {
                parsed.add(WorkingHours.Period.of(
                        period == null ? null : period.start(), period == null ? null : period.end()));
            } catch (IllegalArgumentException e) {
                errors.put(field + "[" + i + "]", e.getMessage());
            }
        }
        return checked(field, () -> new WorkingHours(parsed));
    }

    WorkingHours hoursText(String field, String text) {
        return checked(field, () -> WorkingHours.parse(text));
    }

    void reject(String field, String message) {
        errors.put(field, message);
    }

    /** Throws the collected problems, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private Map<DayOfWeek, WorkingHours> weekly(Function<DayOfWeek, WorkingHours> hoursOf) {
        Map<DayOfWeek, WorkingHours> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, hoursOf.apply(day));
        }
        return weekly;
    }

    private WorkingHours checked(String field, java.util.function.Supplier<WorkingHours> hours) {
        try {
            return hours.get();
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
            return WorkingHours.NONE;
        }
    }
}

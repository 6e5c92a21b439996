package dev.retain.platform;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * A dated exception to a calendar's weekly hours: a public holiday (a day off), or a make-up working day (调休上班, a
 * weekend day worked in place of a holiday). A make-up day has hours of its own, or, without them, the hours of a
 * normal weekday.
 */
public record SpecialDay(LocalDate date, Kind kind, String name, WorkingHours hours) {

    /** What the day is; {@code code} is the word used in the holiday CSV files. */
    public enum Kind {
        HOLIDAY("holiday"),
        WORKDAY("workday");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind ofCode(String code) {
            return Arrays.stream(values())
                    .filter(kind -> kind.code.equalsIgnoreCase(code == null ? "" : code.strip()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("kind must be holiday or workday, not " + code));
        }
    }

    public SpecialDay {
        if (date == null || kind == null) {
            throw new IllegalArgumentException("a special day needs a date and a kind");
        }
        name = name == null ? "" : name.strip();
        hours = hours == null ? WorkingHours.NONE : hours;
        if (kind == Kind.HOLIDAY && !hours.isEmpty()) {
            throw new IllegalArgumentException("a holiday has no working hours");
        }
    }

    public static SpecialDay holiday(LocalDate date, String name) {
        return new SpecialDay(date, Kind.HOLIDAY, name, WorkingHours.NONE);
    }

    public static SpecialDay workday(LocalDate date, String name) {
        return new SpecialDay(date, Kind.WORKDAY, name, WorkingHours.NONE);
    }
}

package dev.retain.predict;

import dev.retain.platform.InvalidInputException;
import java.util.Locale;

/** The time unit a model is fitted in: its rates and ages are per day or per week. */
public enum TimeUnitOfFit {
    DAYS(1),
    WEEKS(7);

    private final int days;

    TimeUnitOfFit(int days) {
        this.days = days;
    }

    public double of(long days) {
        return (double) days / this.days;
    }

    /** {@code days} or {@code weeks}, in any case; weeks when blank. */
    public static TimeUnitOfFit parse(String unit) {
        if (unit == null || unit.isBlank()) {
            return WEEKS;
        }
        try {
            return valueOf(unit.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unit", "'" + unit + "' is not one of days, weeks");
        }
    }
}

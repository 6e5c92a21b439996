package dev.retain.analytics;

import dev.retain.platform.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Whole days from {@code first} to {@code last}, both included, reckoned in the company's time zone. */
public record Period(LocalDate first, LocalDate last) {

    static final int MAX_DAYS = 3 * 366;

    public Period {
        if (first == null || last == null) {
            throw new InvalidInputException("period", "needs a first and a last day");
        }
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "must not be before from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidInputException("to", "a period is at most " + MAX_DAYS + " days");
        }
    }

    /** The {@code days} days up to and including {@code last}. */
    public static Period endingOn(LocalDate last, int days) {
        return new Period(last.minusDays(days - 1L), last);
    }

    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    /** The period of the same length just before this one. */
    public Period previous() {
        return new Period(first.minusDays(days()), first.minusDays(1));
    }

    public Instant start(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end(ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

package dev.retain.platform;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The working periods of one day, e.g. 09:00–12:00 and 13:00–18:00 (the gap is the lunch break); none on a day off.
 * Periods are sorted and never overlap.
 */
public record WorkingHours(List<Period> periods) {

    public static final WorkingHours NONE = new WorkingHours(List.of());

    /** From {@code start} (inclusive) to {@code end} (exclusive); an end of 00:00 means midnight at the day's end. */
    public record Period(LocalTime start, LocalTime end) {

        public Period {
            if (start == null || end == null) {
                throw new IllegalArgumentException("a period needs a start and an end");
            }
            if (!endsAtMidnight(end) && !end.isAfter(start)) {
                throw new IllegalArgumentException("ends at " + end + ", not after its start " + start);
            }
        }

        public static Period of(String start, String end) {
            return new Period(time(start), time(end));
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(start) && (endsAtMidnight(end) || time.isBefore(end));
        }

        Instant startOn(LocalDate day, ZoneId zone) {
            return day.atTime(start).atZone(zone).toInstant();
        }

        Instant endOn(LocalDate day, ZoneId zone) {
            return endsAtMidnight(end)
                    ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : day.atTime(end).atZone(zone).toInstant();
        }

        /** Minutes from the day's start to the end, 1440 for midnight; used to compare periods. */
        int endMinute() {
            return endsAtMidnight(end) ? 24 * 60 : end.toSecondOfDay() / 60;
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }

        private static boolean endsAtMidnight(LocalTime end) {
            return end.equals(LocalTime.MIDNIGHT);
        }
    }

    public WorkingHours {
        periods = periods.stream().sorted(Comparator.comparing(Period::start)).toList();
        for (int i = 1; i < periods.size(); i++) {
            Period previous = periods.get(i - 1);
            if (previous.endMinute() > periods.get(i).start().toSecondOfDay() / 60) {
                throw new IllegalArgumentException(previous + " overlaps " + periods.get(i));
            }
        }
    }

    public static WorkingHours of(Period... periods) {
        return new WorkingHours(List.of(periods));
    }

    /** Reads "09:00-12:00, 13:00-18:00"; blank for a day off. */
    public static WorkingHours parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Period> periods = new ArrayList<>();
        for (String part : text.split("[,，;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String[] times = part.split("[-–~]");
            if (times.length != 2) {
                throw new IllegalArgumentException("\"" + part + "\" is not a period like 09:00-12:00");
            }
            periods.add(Period.of(times[0], times[1]));
        }
        return new WorkingHours(periods);
    }

    public boolean isEmpty() {
        return periods.isEmpty();
    }

    public boolean contains(LocalTime time) {
        return periods.stream().anyMatch(period -> period.contains(time));
    }

    public Duration total() {
        return periods.stream()
                .map(p ->
                        Duration.ofMinutes(p.endMinute()).minusSeconds(p.start().toSecondOfDay()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** "09:00-12:00, 13:00-18:00", or empty for a day off; {@link #parse} reads it back. */
    public String format() {
        return periods.stream().map(Period::toString).collect(Collectors.joining(", "));
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip().length() == 4 ? "0" + text.strip() : text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time like 09:00");
        }
    }
}

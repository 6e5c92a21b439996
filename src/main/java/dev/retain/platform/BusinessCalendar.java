package dev.retain.platform;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A business calendar (工作日历) as an immutable value: its time zone, working hours per weekday and dated special days
 * (holidays and 调休 make-up working days), with the arithmetic SLAs, pool rules and notifications need. Walks at most
 * day by day, never minute by minute.
 */
public final class BusinessCalendar {

    /** A stretch without a single working minute longer than this means the calendar cannot be used for sums. */
    private static final int MOST_DAYS_WITHOUT_WORK = 3660;

    private final long id;
    private final String name;
    private final ZoneId zone;
    private final boolean standard;
    private final Map<DayOfWeek, WorkingHours> weeklyHours;
    private final NavigableMap<LocalDate, SpecialDay> specialDays;
    private final WorkingHours normalWorkdayHours;

    public BusinessCalendar(
            long id,
            String name,
            ZoneId zone,
            boolean standard,
            Map<DayOfWeek, WorkingHours> weeklyHours,
            List<SpecialDay> specialDays) {
        this.id = id;
        this.name = name;
        this.zone = zone;
        this.standard = standard;
        EnumMap<DayOfWeek, WorkingHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, weeklyHours.getOrDefault(day, WorkingHours.NONE));
        }
        this.weeklyHours = Collections.unmodifiableMap(hours);
        TreeMap<LocalDate, SpecialDay> days = new TreeMap<>();
        specialDays.forEach(day -> days.put(day.date(), day));
        this.specialDays = Collections.unmodifiableNavigableMap(days);
        this.normalWorkdayHours = hours.values().stream()
                .filter(day -> !day.isEmpty())
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("a calendar needs working hours on at least one weekday"));
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether this is the default calendar (中国大陆 标准工作日 unless an admin renamed it). */
    public boolean isStandard() {
        return standard;
    }

    public Map<DayOfWeek, WorkingHours> weeklyHours() {
        return weeklyHours;
    }

    public List<SpecialDay> specialDays() {
        return List.copyOf(specialDays.values());
    }

    public List<SpecialDay> specialDaysIn(int year) {
        return List.copyOf(specialDays
                .subMap(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true)
                .values());
    }

    /** The hours worked on a date: a holiday has none, a make-up day its own or a normal weekday's. */
    public WorkingHours hoursOn(LocalDate date) {
        SpecialDay special = specialDays.get(date);
        if (special == null) {
            return weeklyHours.get(date.getDayOfWeek());
        }
        if (special.kind() == SpecialDay.Kind.HOLIDAY) {
            return WorkingHours.NONE;
        }
        return special.hours().isEmpty() ? normalWorkdayHours : special.hours();
    }

    public boolean isWorkingDay(LocalDate date) {
        return !hoursOn(date).isEmpty();
    }

    public boolean isWorkingTime(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return hoursOn(local.toLocalDate()).contains(local.toLocalTime());
    }

    /** The instant itself in working time, otherwise the next opening. */
    public Instant nextWorkingTime(Instant instant) {
        return plusWorkingTime(instant, Duration.ZERO);
    }

    /**
     * When {@code amount} of working time has passed since {@code start}; a start outside working hours counts from
     * the next opening. A target that ends exactly at closing time is that closing time, not the next opening.
     */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time to add must not be negative: " + amount);
        }
        Duration remaining = amount;
        Instant now = start;
        LocalDate day = start.atZone(zone).toLocalDate();
        int daysWithoutWork = 0;
        while (true) {
            for (WorkingHours.Period period : hoursOn(day).periods()) {
                Instant opens = period.startOn(day, zone);
                Instant closes = period.endOn(day, zone);
                if (!closes.isAfter(now)) {
                    continue;
                }
                if (now.isBefore(opens)) {
                    now = opens;
                }
                Duration available = Duration.between(now, closes);
                if (remaining.compareTo(available) <= 0) {
                    return now.plus(remaining);
                }
                remaining = remaining.minus(available);
                now = closes;
                daysWithoutWork = -1;
            }
            if (++daysWithoutWork > MOST_DAYS_WITHOUT_WORK) {
                throw new IllegalStateException("calendar " + name + " has no working time after " + now);
            }
            day = day.plusDays(1);
        }
    }

    /** Working time from {@code from} to {@code to}; negative when {@code to} is earlier. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return workingTimeBetween(to, from).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (WorkingHours.Period period : hoursOn(day).periods()) {
                Instant start = later(period.startOn(day, zone), from);
                Instant end = earlier(period.endOn(day, zone), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The {@code days}-th working day after {@code date} (before it when negative); the date itself for zero. The
     * inverse of {@link #workingDaysBetween} when {@code date} is a working day.
     */
    public LocalDate plusWorkingDays(LocalDate date, int days) {
        int step = days < 0 ? -1 : 1;
        LocalDate day = date;
        int daysWithoutWork = 0;
        for (int left = Math.abs(days); left > 0; ) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                left--;
                daysWithoutWork = 0;
            } else if (++daysWithoutWork > MOST_DAYS_WITHOUT_WORK) {
                throw new IllegalStateException("calendar " + name + " has no working day near " + day);
            }
        }
        return day;
    }

    /**
     * The working days after {@code from} up to and including {@code to}: Friday to Monday is 1. Negative when
     * {@code to} is earlier. The SQL function {@code working_days_between} gives the same answers.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + id + " " + name + " " + zone + "]";
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

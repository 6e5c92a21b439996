package dev.retain.platform.calendars;

import dev.retain.platform.AuditLog;
import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendarChanged;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.ConflictException;
import dev.retain.platform.ExpiringCache;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.SpecialDay;
import dev.retain.platform.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calendars as stored: every edit locks the calendar, checks the rules, writes, rewrites the calendar's rows in
 * {@code business_calendar_days}, audits, and empties the cache — all in one transaction.
 */
@Service
class StoredBusinessCalendars implements BusinessCalendars {

    /** Calendars are read for every SLA and notification but edited a few times a year. */
    private static final Duration CACHED_FOR = Duration.ofSeconds(10);

    private static final long STANDARD_KEY = 0;

    private final CalendarStore store;
    private final CalendarDaysTable days;
    private final AuditLog audit;
    private final ExpiringCache<Long, BusinessCalendar> cache = new ExpiringCache<>(CACHED_FOR);

    private final ApplicationEventPublisher events;

    StoredBusinessCalendars(
            CalendarStore store, CalendarDaysTable days, AuditLog audit, ApplicationEventPublisher events) {
        this.store = store;
        this.days = days;
        this.audit = audit;
        this.events = events;
    }

    /** What the audit log keeps of a calendar's settings. */
    record Settings(String name, String timeZone, Map<DayOfWeek, String> weeklyHours) {

        static Settings of(BusinessCalendar calendar) {
            Map<DayOfWeek, String> hours = new LinkedHashMap<>();
            calendar.weeklyHours().forEach((day, dayHours) -> hours.put(day, dayHours.format()));
            return new Settings(calendar.name(), calendar.zone().getId(), hours);
        }
    }

    /** What the audit log keeps of a special day. */
    record SpecialDayEntry(LocalDate date, String kind, String name, String hours) {

        static SpecialDayEntry of(SpecialDay day) {
            return new SpecialDayEntry(
                    day.date(), day.kind().code(), day.name(), day.hours().format());
        }
    }

    @Override
    public List<BusinessCalendar> list() {
        return store.ids().stream().map(this::find).toList();
    }

    @Override
    public BusinessCalendar find(long id) {
        BusinessCalendar calendar = cache.get(id, key -> store.load(key).orElse(null));
        if (calendar == null) {
            cache.forget(id);
            throw new NotFoundException("Business calendar", id);
        }
        return calendar;
    }

    @Override
    public BusinessCalendar standard() {
        return cache.get(
                STANDARD_KEY,
                key -> store.standardId()
                        .flatMap(store::load)
                        .orElseThrow(
                                () -> new IllegalStateException("the default business calendar has not been created")));
    }

    @Override
    @Transactional
    public BusinessCalendar create(String name, ZoneId zone, Map<DayOfWeek, WorkingHours> weeklyHours) {
        String cleanName = checkSettings(name, zone, weeklyHours, 0);
        long id = store.insert(cleanName, zone, false)
                .orElseThrow(() -> new ConflictException("A business calendar named " + cleanName + " exists"));
        store.replaceWeeklyHours(id, weeklyHours);
        BusinessCalendar created = fresh(id);
        days.write(created);
        audit.record("create", "business_calendar", id, null, Settings.of(created));
        return created;
    }

    /** Creates the default calendar unless one exists; empty when it did. Used once, at the first start. */
    @Transactional
    Optional<BusinessCalendar> createStandard(
            String name, ZoneId zone, Map<DayOfWeek, WorkingHours> weeklyHours, List<SpecialDay> specialDays) {
        return store.insert(name, zone, true).map(id -> {
            store.replaceWeeklyHours(id, weeklyHours);
            specialDays.forEach(day -> store.insertSpecialDay(id, day));
            BusinessCalendar created = fresh(id);
            days.write(created);
            audit.record("create", "business_calendar", id, null, Settings.of(created));
            return created;
        });
    }

    @Override
    @Transactional
    public BusinessCalendar update(long id, String name, ZoneId zone, Map<DayOfWeek, WorkingHours> weeklyHours) {
        BusinessCalendar before = locked(id);
        String cleanName = checkSettings(name, zone, weeklyHours, id);
        store.updateHeader(id, cleanName, zone);
        store.replaceWeeklyHours(id, weeklyHours);
        BusinessCalendar after = fresh(id);
        days.write(after);
        audit.record("update", "business_calendar", id, Settings.of(before), Settings.of(after));
        events.publishEvent(new BusinessCalendarChanged(id));
        return after;
    }

    @Override
    @Transactional
    public BusinessCalendar addSpecialDay(long id, SpecialDay day) {
        BusinessCalendar before = locked(id);
        if (before.specialDays().stream().anyMatch(existing -> existing.date().equals(day.date()))) {
            throw new ConflictException(day.date() + " is already a special day of " + before.name());
        }
        store.insertSpecialDay(id, day);
        return afterSpecialDayChange(id, "add", day.date(), null, SpecialDayEntry.of(day));
    }

    @Override
    @Transactional
    public BusinessCalendar removeSpecialDay(long id, LocalDate date) {
        BusinessCalendar before = locked(id);
        SpecialDay removed = before.specialDays().stream()
                .filter(day -> day.date().equals(date))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Special day", date + " of calendar " + id));
        store.deleteSpecialDay(id, date);
        return afterSpecialDayChange(id, "remove", date, SpecialDayEntry.of(removed), null);
    }

    @Override
    @Transactional
    public ImportResult importSpecialDays(long id, String csv) {
        BusinessCalendar before = locked(id);
        List<SpecialDay> rows = SpecialDaysCsv.read(csv);
        Map<LocalDate, SpecialDay> existing = new LinkedHashMap<>();
        before.specialDays().forEach(day -> existing.put(day.date(), day));
        List<SpecialDay> added = new ArrayList<>();
        for (SpecialDay row : rows) {
            SpecialDay present = existing.get(row.date());
            if (present == null) {
                added.add(row);
            } else if (present.kind() != row.kind() || !Objects.equals(present.name(), row.name())) {
                throw new ConflictException(row.date() + " is already a special day of " + before.name() + " ("
                        + present.kind().code() + " " + present.name() + "); remove it first to replace it");
            }
        }
        added.forEach(day -> store.insertSpecialDay(id, day));
        if (!added.isEmpty()) {
            store.touch(id);
            BusinessCalendar after = fresh(id);
            days.write(after);
            audit.record(
                    "import",
                    "business_calendar",
                    id,
                    null,
                    Map.of("added", added.stream().map(SpecialDayEntry::of).toList()));
            events.publishEvent(new BusinessCalendarChanged(id));
        }
        return new ImportResult(added.size(), rows.size() - added.size());
    }

    private BusinessCalendar afterSpecialDayChange(
            long id, String action, LocalDate date, SpecialDayEntry before, SpecialDayEntry after) {
        store.touch(id);
        BusinessCalendar calendar = fresh(id);
        days.write(calendar);
        audit.record(action, "business_calendar_day", id + "/" + date, before, after);
        events.publishEvent(new BusinessCalendarChanged(id));
        return calendar;
    }

    /** The calendar read under its row lock, so concurrent edits of one calendar cannot interleave. */
    private BusinessCalendar locked(long id) {
        if (!store.lock(id)) {
            throw new NotFoundException("Business calendar", id);
        }
        return store.load(id).orElseThrow();
    }

    /** Reads the calendar as this transaction sees it, and forgets cached copies (again at commit or rollback). */
    private BusinessCalendar fresh(long id) {
        cache.clear();
        return store.load(id).orElseThrow();
    }

    private String checkSettings(String name, ZoneId zone, Map<DayOfWeek, WorkingHours> weeklyHours, long id) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            errors.put("name", "must not be blank");
        } else if (cleanName.length() > 100) {
            errors.put("name", "at most 100 characters");
        } else if (store.nameTaken(cleanName, id)) {
            throw new ConflictException("A business calendar named " + cleanName + " exists");
        }
        if (zone == null) {
            errors.put("timeZone", "must be a time zone like Asia/Shanghai");
        }
        if (weeklyHours == null || weeklyHours.values().stream().allMatch(WorkingHours::isEmpty)) {
            errors.put("weeklyHours", "at least one weekday needs working hours");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return cleanName;
    }
}

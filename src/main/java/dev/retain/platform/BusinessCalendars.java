package dev.retain.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The named business calendars, kept once for every module: pool rules, SLAs and notification hours read them, admins
 * edit them. Reads are cached briefly; an edit shows at once on this instance and within seconds on others. Every
 * change is audited and keeps the SQL table {@code business_calendar_days} (and its functions) in step.
 */
public interface BusinessCalendars {

    List<BusinessCalendar> list();

    /** @throws NotFoundException for an unknown id */
    BusinessCalendar find(long id);

    /** The default calendar, 中国大陆 标准工作日 with China's public holidays and 调休 days. */
    BusinessCalendar standard();

    /** A new calendar without special days. */
    BusinessCalendar create(String name, ZoneId zone, Map<DayOfWeek, WorkingHours> weeklyHours);

    BusinessCalendar update(long id, String name, ZoneId zone, Map<DayOfWeek, WorkingHours> weeklyHours);

    /** @throws ConflictException when the calendar already has a special day on that date */
    BusinessCalendar addSpecialDay(long id, SpecialDay day);

    /** @throws NotFoundException when the calendar has no special day on that date */
    BusinessCalendar removeSpecialDay(long id, LocalDate date);

    /** What an import of special days did: rows added, and rows already there with the same kind and name. */
    record ImportResult(int added, int unchanged) {}

    /**
     * Adds the special days of a CSV in the format of the shipped list ({@code date,kind,name}); all or nothing.
     *
     * @throws InvalidInputException naming the line of a malformed row
     * @throws ConflictException when a row's date is already a different special day
     */
    ImportResult importSpecialDays(long id, String csv);
}

package dev.retain.platform.calendars;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.WorkingHours;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * At startup, creates the default calendar (中国大陆 标准工作日: Monday to Friday 09:00–12:00 and 13:00–18:00 in
 * Asia/Shanghai, with China's public holidays and 调休 days from the shipped list) when none exists yet. Once created
 * it is the admins' to edit: later starts only extend every calendar's day table when today nears its end.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class StandardCalendarSeed implements ApplicationRunner {

    static final String NAME = "中国大陆 标准工作日";
    static final String HOLIDAYS = "calendars/cn-public-holidays-2025-2026.csv";
    static final WorkingHours OFFICE_HOURS = WorkingHours.parse("09:00-12:00, 13:00-18:00");

    private final StoredBusinessCalendars calendars;
    private final CalendarDaysTable days;

    StandardCalendarSeed(StoredBusinessCalendars calendars, CalendarDaysTable days) {
        this.calendars = calendars;
        this.days = days;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<DayOfWeek, WorkingHours> weekdays = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day = DayOfWeek.MONDAY; day != DayOfWeek.SATURDAY; day = day.plus(1)) {
            weekdays.put(day, OFFICE_HOURS);
        }
        calendars.createStandard(NAME, ZoneId.of("Asia/Shanghai"), weekdays, SpecialDaysCsv.read(shippedHolidays()));
        for (BusinessCalendar calendar : calendars.list()) {
            if (days.needsExtending(calendar)) {
                days.write(calendar);
            }
        }
    }

    static String shippedHolidays() {
        try (InputStream in = new ClassPathResource(HOLIDAYS).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.retain.platform.calendars;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.SpecialDay;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code business_calendar_days}, one row per calendar and date with a running count of working days, written
 * from {@link BusinessCalendar#isWorkingDay} so SQL and Java share one rule. It spans ten years before and after the
 * years that have special days or are current, and is extended at startup when today comes near its end.
 */
@Component
class CalendarDaysTable {

    private static final int YEARS_AROUND = 10;
    private static final int YEARS_AHEAD_BEFORE_EXTENDING = 5;

    private final JdbcClient jdbc;
    private final Clock clock;

    CalendarDaysTable(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Rewrites the calendar's rows (a few thousand, in one statement). */
    void write(BusinessCalendar calendar) {
        int thisYear = LocalDate.now(clock.withZone(calendar.zone())).getYear();
        List<SpecialDay> special = calendar.specialDays();
        int firstYear = special.isEmpty()
                ? thisYear
                : Math.min(thisYear, special.get(0).date().getYear());
        int lastYear = special.isEmpty()
                ? thisYear
                : Math.max(thisYear, special.get(special.size() - 1).date().getYear());
        LocalDate from = LocalDate.of(firstYear - YEARS_AROUND, 1, 1);
        LocalDate to = LocalDate.of(lastYear + YEARS_AROUND, 12, 31);
        StringBuilder working = new StringBuilder();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            working.append(calendar.isWorkingDay(day) ? '1' : '0');
        }
        jdbc.sql("delete from business_calendar_days where calendar_id = ?")
                .param(calendar.id())
                .update();
        jdbc.sql("""
                        insert into business_calendar_days (calendar_id, day, working, working_days_through)
                        select :id, cast(s.day as date), substr(:working, cast(s.n as int), 1) = '1',
                               sum(cast(substr(:working, cast(s.n as int), 1) as int)) over (order by s.day)
                        from generate_series(cast(:from as timestamp), cast(:to as timestamp), interval '1 day')
                             with ordinality as s(day, n)""")
                .param("id", calendar.id())
                .param("working", working.toString())
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .update();
    }

    /** Whether the table ends too soon after today (or is missing) and must be written again. */
    boolean needsExtending(BusinessCalendar calendar) {
        int thisYear = LocalDate.now(clock.withZone(calendar.zone())).getYear();
        Optional<LocalDate> end = jdbc.sql("select max(day) from business_calendar_days where calendar_id = ?")
                .param(calendar.id())
                .query((rs, row) -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate))
                .single();
        return end.map(last -> last.getYear() < thisYear + YEARS_AHEAD_BEFORE_EXTENDING)
                .orElse(true);
    }
}

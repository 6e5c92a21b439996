package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored calendars: the seeded default, edits seen at once, and SQL that answers as the Java arithmetic does. */
@IntegrationTest
class BusinessCalendarStorageTests {

    private static final LocalDate FIRST = LocalDate.parse("2025-01-01");
    private static final int DAYS = 730;

    @Autowired
    BusinessCalendars calendars;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDefaultCalendarHoldsExactlyTheShippedListOfHolidaysAndMakeUpDays() {
        BusinessCalendar standard = calendars.standard();
        List<String> shipped =
                BusinessCalendarTests.shippedHolidays().lines().skip(1).toList();

        assertThat(standard.name()).isEqualTo("中国大陆 标准工作日");
        assertThat(standard.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(standard.weeklyHours().get(DayOfWeek.MONDAY).format()).isEqualTo("09:00-12:00, 13:00-18:00");
        assertThat(standard.weeklyHours().get(DayOfWeek.SATURDAY).isEmpty()).isTrue();
        assertThat(standard.specialDays().stream()
                        .map(day -> day.date() + "," + day.kind().code() + "," + day.name())
                        .toList())
                .containsExactlyElementsOf(shipped);
    }

    @Test
    void theSqlFunctionCountsWorkingDaysAsTheJavaArithmeticDoes() {
        BusinessCalendar standard = calendars.standard();
        Random random = new Random(29);
        for (int i = 0; i < 300; i++) {
            LocalDate from = FIRST.plusDays(random.nextInt(DAYS));
            LocalDate to = FIRST.plusDays(random.nextInt(DAYS));

            assertThat(sqlWorkingDaysBetween(standard.id(), from, to))
                    .as("working days from %s to %s", from, to)
                    .isEqualTo(standard.workingDaysBetween(from, to));
        }
    }

    @Test
    void aDateIsMoreThanNWorkingDaysAgoExactlyWhenItIsBeforeTheSqlCutoff() {
        BusinessCalendar standard = calendars.standard();
        Random random = new Random(30);
        for (int i = 0; i < 300; i++) {
            LocalDate today = FIRST.plusDays(60 + random.nextInt(DAYS - 60));
            LocalDate lastFollowUp = today.minusDays(random.nextInt(60));
            int days = random.nextInt(30);
            LocalDate cutoff = jdbc.sql("select working_days_cutoff(?, ?, ?)")
                    .params(standard.id(), Date.valueOf(today), days)
                    .query(LocalDate.class)
                    .single();

            assertThat(lastFollowUp.isBefore(cutoff))
                    .as("%s more than %d working days before %s (cutoff %s)", lastFollowUp, days, today, cutoff)
                    .isEqualTo(standard.workingDaysBetween(lastFollowUp, today) > days);
        }
    }

    @Test
    void anEditIsSeenByTheNextReadAndByTheSql() {
        BusinessCalendar calendar = calendars.create(
                "storage " + System.nanoTime(), ZoneId.of("Asia/Shanghai"), mondayToFriday("09:00-17:00"));
        LocalDate friday = LocalDate.parse("2026-03-13");
        LocalDate monday = LocalDate.parse("2026-03-16");
        int before = sqlWorkingDaysBetween(calendar.id(), friday.minusDays(1), monday);

        calendars.addSpecialDay(calendar.id(), SpecialDay.holiday(friday, "公司年会"));

        assertThat(calendars.find(calendar.id()).isWorkingDay(friday)).isFalse();
        assertThat(calendars.list().stream()
                        .filter(c -> c.id() == calendar.id())
                        .findFirst()
                        .orElseThrow()
                        .specialDays())
                .hasSize(1);
        assertThat(sqlWorkingDaysBetween(calendar.id(), friday.minusDays(1), monday))
                .isEqualTo(before - 1);

        calendars.update(calendar.id(), calendar.name(), ZoneId.of("Europe/Berlin"), mondayToFriday("10:00-16:00"));

        BusinessCalendar updated = calendars.find(calendar.id());
        assertThat(updated.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(updated.weeklyHours().get(DayOfWeek.MONDAY).format()).isEqualTo("10:00-16:00");
        assertThat(updated.isWorkingDay(friday)).as("special days kept").isFalse();
    }

    private Integer sqlWorkingDaysBetween(long calendarId, LocalDate from, LocalDate to) {
        return jdbc.sql("select working_days_between(?, ?, ?)")
                .params(calendarId, Date.valueOf(from), Date.valueOf(to))
                .query(Integer.class)
                .single();
    }

    static Map<DayOfWeek, WorkingHours> mondayToFriday(String hours) {
        Map<DayOfWeek, WorkingHours> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day = DayOfWeek.MONDAY; day != DayOfWeek.SATURDAY; day = day.plus(1)) {
            weekly.put(day, WorkingHours.parse(hours));
        }
        return weekly;
    }
}

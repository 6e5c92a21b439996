package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic of a business calendar on China's 2025–2026 holidays, without Spring or a database. */
class BusinessCalendarTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingHours OFFICE = WorkingHours.parse("09:00-12:00, 13:00-18:00");

    private final BusinessCalendar china = aChineseOfficeCalendar();

    @Test
    void fridayAfternoonPlusOneBusinessHourIsMondayMorning() {
        BusinessCalendar nineToFive = new BusinessCalendar(
                5, "09:00-17:00", SHANGHAI, false, weekdays(WorkingHours.parse("09:00-17:00")), List.of());

        assertThat(nineToFive.plusWorkingTime(at("2026-03-06T16:30"), Duration.ofHours(1)))
                .isEqualTo(at("2026-03-09T09:30"));
        assertThat(china.plusWorkingTime(at("2026-03-06T17:30"), Duration.ofHours(1)))
                .as("closing at 18:00")
                .isEqualTo(at("2026-03-09T09:30"));
    }

    @Test
    void theLunchBreakIsNotCounted() {
        assertThat(china.plusWorkingTime(at("2026-03-05T11:30"), Duration.ofHours(1)))
                .isEqualTo(at("2026-03-05T13:30"));
        assertThat(china.isWorkingTime(at("2026-03-05T12:30"))).isFalse();
        assertThat(china.isWorkingTime(at("2026-03-05T13:00"))).isTrue();
    }

    @Test
    void aStartAfterHoursCountsFromTheNextMorning() {
        assertThat(china.plusWorkingTime(at("2026-03-05T22:00"), Duration.ofHours(1)))
                .isEqualTo(at("2026-03-06T10:00"));
        assertThat(china.nextWorkingTime(at("2026-03-05T22:00"))).isEqualTo(at("2026-03-06T09:00"));
        assertThat(china.nextWorkingTime(at("2026-03-05T10:15"))).isEqualTo(at("2026-03-05T10:15"));
    }

    @Test
    void aTargetEndingAtClosingTimeIsThatClosingTime() {
        assertThat(china.plusWorkingTime(at("2026-03-05T17:00"), Duration.ofHours(1)))
                .isEqualTo(at("2026-03-05T18:00"));
        assertThat(china.isWorkingTime(at("2026-03-05T18:00"))).isFalse();
    }

    @Test
    void theNationalDayWeekOf2026IsSkipped() {
        assertThat(china.plusWorkingTime(at("2026-09-30T17:00"), Duration.ofHours(2)))
                .isEqualTo(at("2026-10-08T10:00"));
        assertThat(china.isWorkingDay(LocalDate.parse("2026-10-05")))
                .as("a Monday in the holiday week")
                .isFalse();
        assertThat(china.isWorkingTime(at("2026-10-06T10:00"))).isFalse();
    }

    @Test
    void aMakeUpSaturdayIsAWorkingDay() {
        LocalDate makeUpSaturday = LocalDate.parse("2026-10-10");

        assertThat(makeUpSaturday.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(china.isWorkingDay(makeUpSaturday)).isTrue();
        assertThat(china.isWorkingDay(LocalDate.parse("2026-10-17")))
                .as("an ordinary Saturday")
                .isFalse();
        assertThat(china.plusWorkingTime(at("2026-10-09T17:30"), Duration.ofHours(1)))
                .isEqualTo(at("2026-10-10T09:30"));
        assertThat(china.plusWorkingDays(LocalDate.parse("2026-02-27"), 1)).isEqualTo("2026-02-28");
    }

    @Test
    void aMakeUpDayWithHoursOfItsOwnUsesThem() {
        BusinessCalendar calendar = new BusinessCalendar(
                2,
                "half day",
                SHANGHAI,
                false,
                weekdays(OFFICE),
                List.of(new SpecialDay(
                        LocalDate.parse("2026-03-07"),
                        SpecialDay.Kind.WORKDAY,
                        "盘点",
                        WorkingHours.parse("09:00-12:00"))));

        assertThat(calendar.plusWorkingTime(at("2026-03-06T17:30"), Duration.ofHours(4)))
                .isEqualTo(at("2026-03-09T09:30"));
    }

    @Test
    void workingTimeBetweenTwoInstantsLeavesOutHolidaysNightsAndBreaks() {
        assertThat(china.workingTimeBetween(at("2026-09-30T17:00"), at("2026-10-08T10:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(china.workingTimeBetween(at("2026-09-24T09:00"), at("2026-09-28T09:00")))
                .as("Thursday only: Friday 25th is 中秋节")
                .isEqualTo(Duration.ofHours(8));
        assertThat(china.workingTimeBetween(at("2026-03-05T11:00"), at("2026-03-05T14:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(china.workingTimeBetween(at("2026-03-05T14:00"), at("2026-03-05T11:00")))
                .isEqualTo(Duration.ofHours(-2));
    }

    @Test
    void workingDaysBetweenTwoDatesCountTheDaysAfterTheFirstUpToTheSecond() {
        assertThat(china.workingDaysBetween(LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-09")))
                .isEqualTo(1);
        assertThat(china.workingDaysBetween(LocalDate.parse("2026-09-30"), LocalDate.parse("2026-10-12")))
                .as("8th, 9th, the 调休 Saturday 10th and Monday 12th")
                .isEqualTo(4);
        assertThat(china.workingDaysBetween(LocalDate.parse("2026-10-12"), LocalDate.parse("2026-09-30")))
                .isEqualTo(-4);
        assertThat(china.plusWorkingDays(LocalDate.parse("2026-09-30"), 1)).isEqualTo("2026-10-08");
        assertThat(china.plusWorkingDays(LocalDate.parse("2026-10-08"), -1)).isEqualTo("2026-09-30");
        assertThat(china.plusWorkingDays(LocalDate.parse("2026-10-08"), 0)).isEqualTo("2026-10-08");
    }

    @Test
    void addingWorkingTimeAndMeasuringItAgreeOverLongSpans() {
        Random random = new Random(17);
        Instant origin = at("2025-01-01T00:00");
        for (int i = 0; i < 300; i++) {
            Instant start = origin.plusSeconds(random.nextInt(700 * 24 * 3600));
            Duration amount = Duration.ofMinutes(random.nextInt(2000 * 60));
            Instant end = china.plusWorkingTime(start, amount);

            assertThat(china.workingTimeBetween(start, end))
                    .as("from %s plus %s", start, amount)
                    .isEqualTo(amount);
        }
    }

    @Test
    void plusWorkingDaysIsTheInverseOfWorkingDaysBetweenFromAWorkingDay() {
        Random random = new Random(20);
        for (int i = 0; i < 300; i++) {
            LocalDate from = china.plusWorkingDays(LocalDate.parse("2025-01-01").plusDays(random.nextInt(700)), 1);
            int days = random.nextInt(121) - 60;

            assertThat(china.workingDaysBetween(from, china.plusWorkingDays(from, days)))
                    .as("%s plus %d working days", from, days)
                    .isEqualTo(days);
        }
    }

    @Test
    void hoursAreKeptInTheCalendarsOwnTimeZoneAcrossASummerTimeChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BusinessCalendar calendar = new BusinessCalendar(
                3, "Berlin", berlin, false, weekdays(WorkingHours.parse("09:00-17:00")), List.of());

        Instant friday = LocalDateTime.parse("2026-03-27T16:30").atZone(berlin).toInstant();

        assertThat(calendar.plusWorkingTime(friday, Duration.ofHours(1)))
                .isEqualTo(
                        LocalDateTime.parse("2026-03-30T09:30").atZone(berlin).toInstant());
    }

    @Test
    void overlappingOrBackwardHoursAndAWeekWithoutWorkAreRefused() {
        assertThatThrownBy(() -> WorkingHours.parse("09:00-12:00, 11:00-18:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> WorkingHours.parse("18:00-09:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after its start");
        assertThatThrownBy(() -> new BusinessCalendar(4, "never", SHANGHAI, false, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WorkingHours.parse("00:00-00:00").total()).as("a whole day").isEqualTo(Duration.ofHours(24));
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static Map<DayOfWeek, WorkingHours> weekdays(WorkingHours hours) {
        Map<DayOfWeek, WorkingHours> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day = DayOfWeek.MONDAY; day != DayOfWeek.SATURDAY; day = day.plus(1)) {
            weekly.put(day, hours);
        }
        return weekly;
    }

    /** Monday to Friday 09:00–12:00 and 13:00–18:00 with the shipped 2025–2026 list of holidays and 调休 days. */
    static BusinessCalendar aChineseOfficeCalendar() {
        List<SpecialDay> days = shippedHolidays()
                .lines()
                .skip(1)
                .map(line -> line.split(",", 3))
                .map(fields ->
                        new SpecialDay(LocalDate.parse(fields[0]), SpecialDay.Kind.ofCode(fields[1]), fields[2], null))
                .toList();
        return new BusinessCalendar(1, "中国大陆 标准工作日", SHANGHAI, true, weekdays(OFFICE), days);
    }

    static String shippedHolidays() {
        try (InputStream in =
                BusinessCalendarTests.class.getResourceAsStream("/calendars/cn-public-holidays-2025-2026.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

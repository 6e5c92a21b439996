package dev.retain.ingest.cleansing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateReaderTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate JANUARY_5 = LocalDate.of(2026, 1, 5);

    private final DateReader dayFirst = new DateReader(SHANGHAI, DayMonthOrder.DAY_FIRST);
    private final DateReader monthFirst = new DateReader(SHANGHAI, DayMonthOrder.MONTH_FIRST);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-05",
                "2026-1-5",
                "2026/01/05",
                "2026/1/5",
                "2026.1.5",
                "20260105",
                "05/01/2026",
                "5-1-2026",
                "5.1.2026",
                "2026年1月5日",
                "2026年01月05日",
                "2026年1月5号",
                "Jan 5, 2026",
                "January 5 2026",
                "5 Jan 2026",
                "05-Jan-2026",
                "5-JAN-2026",
                " 2026-01-05 ",
                "\u00A02026-01-05\u00A0",
                "２０２６－０１－０５",
                "２０２６年１月５日"
            })
    void readsTheCommonWaysOfWritingADate(String typed) {
        assertThat(dayFirst.readDate(typed)).isEqualTo(JANUARY_5);
    }

    @ParameterizedTest
    @CsvSource({
        "'2026-01-05 14:30', 2026-01-05T06:30:00Z",
        "'2026-01-05 14:30:15', 2026-01-05T06:30:15Z",
        "'2026-01-05 14:30:15.123', 2026-01-05T06:30:15.123Z",
        "'2026-01-05T14:30:15', 2026-01-05T06:30:15Z",
        "'2026/1/5 9:05', 2026-01-05T01:05:00Z",
        "'20260105 14:30', 2026-01-05T06:30:00Z",
        "'Jan 5, 2026 14:30', 2026-01-05T06:30:00Z",
        "'2026/1/5 下午 2:30:00', 2026-01-05T06:30:00Z",
        "'2026/1/5 上午 12:15', 2026-01-04T16:15:00Z",
        "'2026-01-05 2:30 PM', 2026-01-05T06:30:00Z",
        "'2026-01-05 2:30pm', 2026-01-05T06:30:00Z",
        "'2026-01-05 12:00 AM', 2026-01-04T16:00:00Z"
    })
    void readsTimesInTheReadersZone(String typed, Instant expected) {
        assertThat(dayFirst.readInstant(typed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026年01月05日 14:30",
                "2026年1月5日 14时30分",
                "2026年1月5日14时30分",
                "2026年1月5日14:30",
                "2026年1月5日 14点30分",
                "２０２６年１月５日　１４：３０"
            })
    void readsChineseDatesWithTime(String typed) {
        assertThat(dayFirst.readInstant(typed)).isEqualTo(Instant.parse("2026-01-05T06:30:00Z"));
    }

    @Test
    void readsChineseSecondsToo() {
        assertThat(dayFirst.readInstant("2026年1月5日14:30:15")).isEqualTo(Instant.parse("2026-01-05T06:30:15Z"));
        assertThat(dayFirst.readInstant("2026年1月5日 14时30分15秒")).isEqualTo(Instant.parse("2026-01-05T06:30:15Z"));
    }

    @ParameterizedTest
    @CsvSource({
        "'2026-01-05 14:30Z', 2026-01-05T14:30:00Z",
        "'2026-01-05T06:30:00Z', 2026-01-05T06:30:00Z",
        "'2026-01-05T06:30:00.5Z', 2026-01-05T06:30:00.500Z",
        "'2026-01-05 14:30+08:00', 2026-01-05T06:30:00Z",
        "'2026-01-05 14:30:00+0800', 2026-01-05T06:30:00Z",
        "'2026-01-05 14:30:00 +08:00', 2026-01-05T06:30:00Z",
        "'2026-01-05T14:30:00-05:00', 2026-01-05T19:30:00Z",
        "'2026-01-05 14:30 UTC', 2026-01-05T14:30:00Z",
        "'2026-01-05 14:30 GMT+8', 2026-01-05T06:30:00Z",
        "'2026/1/5 2:30 PM +08:00', 2026-01-05T06:30:00Z"
    })
    void anExplicitOffsetWinsOverTheReadersZone(String typed, Instant expected) {
        assertThat(dayFirst.readInstant(typed)).isEqualTo(expected);
    }

    @Test
    void aDateAloneIsTheStartOfThatDayInTheReadersZone() {
        assertThat(dayFirst.readInstant("2026-01-05")).isEqualTo(Instant.parse("2026-01-04T16:00:00Z"));
        assertThat(new DateReader(ZoneId.of("UTC"), DayMonthOrder.DAY_FIRST).readInstant("2026-01-05"))
                .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    }

    @Test
    void aLocalTimeInASpringForwardGapIsMovedPastIt() {
        var newYork = new DateReader(ZoneId.of("America/New_York"), DayMonthOrder.MONTH_FIRST);
        assertThat(newYork.readInstant("2026-03-08 02:30")).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void readDateIgnoresTheTime() {
        assertThat(dayFirst.readDate("2026-01-05 23:59:59")).isEqualTo(JANUARY_5);
        assertThat(dayFirst.readDate("2026-01-05 00:00")).isEqualTo(JANUARY_5);
    }

    @Test
    void readDateMovesAValueWithAnOffsetIntoTheReadersZone() {
        assertThat(dayFirst.readDate("2026-01-05T20:00:00Z")).isEqualTo(LocalDate.of(2026, 1, 6));
        assertThat(dayFirst.readDate("2026-01-05T20:00:00+08:00")).isEqualTo(JANUARY_5);
    }

    @Test
    void readsAnAmbiguousDayAndMonthInTheConfiguredOrder() {
        assertThat(dayFirst.readDate("05/01/2026")).isEqualTo(JANUARY_5);
        assertThat(monthFirst.readDate("05/01/2026")).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(monthFirst.readDate("1-5-2026")).isEqualTo(JANUARY_5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"13/01/2026", "01/13/2026"})
    void aPartAboveTwelveIsTheDayWhateverTheSetting(String typed) {
        LocalDate january13 = LocalDate.of(2026, 1, 13);
        assertThat(dayFirst.readDate(typed)).isEqualTo(january13);
        assertThat(monthFirst.readDate(typed)).isEqualTo(january13);
    }

    @ParameterizedTest
    @CsvSource({
        "46027, 2026-01-05T00:00",
        "46028, 2026-01-06T00:00",
        "46027.5, 2026-01-05T12:00",
        "46027.604166666664, 2026-01-05T14:30",
        "46027.999999999, 2026-01-06T00:00",
        "1, 1900-01-01T00:00",
        "59, 1900-02-28T00:00",
        "61, 1900-03-01T00:00"
    })
    void readsExcelSerialNumbersWithExcelsLeapYearBug(String serial, String local) {
        Instant expected = LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
        assertThat(dayFirst.readInstant(serial)).isEqualTo(expected);
    }

    @Test
    void theTwentyNinthOfFebruary1900ThatExcelInventedIsNotADate() {
        assertThatThrownBy(() -> dayFirst.readDate("60")).hasMessage("'60' is not a date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"26/1/5", "5/1/26", "05-01-26", "26年1月5日", "5 Jan 26", "05-Jan-26"})
    void rejectsTwoDigitYearsAsAmbiguous(String typed) {
        assertThatThrownBy(() -> dayFirst.readDate(typed))
                .isInstanceOf(CellProblem.class)
                .hasMessage("'" + typed + "' has a two-digit year; write the year in full");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-30",
                "2026-13-01",
                "2026-00-10",
                "2025-02-29",
                "20261301",
                "13/13/2026",
                "2026-01-05 25:00",
                "2026-01-05 24:00",
                "2026-01-05 14:60",
                "2026-01-05 13:30 PM",
                "2026-01-05 14:30 +19:00",
                "2026-01-05 14:30 CST",
                "2026-01-05 14",
                "2026-01-0514:30",
                "2026-01",
                "2026/01-05",
                "2026-01-05-",
                "14:30",
                "abc",
                "Foo 5, 2026",
                "0",
                "0.5",
                "3000000",
                "123456789",
                "46027.",
                "2026-01-05T"
            })
    void rejectsWhatIsNotADate(String typed) {
        assertThatThrownBy(() -> dayFirst.readInstant(typed))
                .isInstanceOf(CellProblem.class)
                .hasMessage("'" + typed + "' is not a date");
    }

    @Test
    void acceptsTheTwentyNinthOfFebruaryInALeapYear() {
        assertThat(dayFirst.readDate("2028-02-29")).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899-12-31", "2101-01-01", "0001-01-01", "2958465"})
    void rejectsDatesBefore1900OrAfter2100(String typed) {
        assertThatThrownBy(() -> dayFirst.readDate(typed)).hasMessageStartingWith("'" + typed + "' is out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1900-01-01", "2100-12-31"})
    void acceptsTheFirstAndLastDayOfTheRange(String typed) {
        assertThat(dayFirst.readDate(typed)).isEqualTo(LocalDate.parse(typed));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\u3000"})
    void aBlankValueIsEmpty(String typed) {
        assertThatThrownBy(() -> dayFirst.readDate(typed))
                .isInstanceOf(CellProblem.class)
                .hasMessage("is empty");
    }
}

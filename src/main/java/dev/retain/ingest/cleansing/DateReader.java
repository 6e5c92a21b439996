package dev.retain.ingest.cleansing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Reads the dates and times found in spreadsheet exports: {@code 2026-01-05}, {@code 2026/1/5}, {@code 20260105},
 * {@code 05/01/2026}, {@code 2026年1月5日}, {@code Jan 5, 2026}, Excel serial numbers, each optionally followed by a
 * time ({@code 14:30}, {@code 14时30分}, {@code 下午 2:30}, {@code 2:30 PM}) and an offset ({@code Z}, {@code +08:00},
 * {@code UTC}). Imports call it millions of times, so it is one hand-written pass over the characters instead of a
 * cascade of patterns, and it only throws to reject a value.
 */
public final class DateReader {

    private static final String NOT_A_DATE = "is not a date";
    private static final String OUT_OF_RANGE = "is out of range (1900 to 2100)";
    private static final String TWO_DIGIT_YEAR = "has a two-digit year; write the year in full";
    private static final int FIRST_YEAR = 1900;
    private static final int LAST_YEAR = 2100;
    private static final int NO_OFFSET = Integer.MIN_VALUE;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final int NO_MERIDIEM = -1;
    private static final int AM = 0;
    private static final int PM = 12;
    private static final int MILLIS_PER_DAY = 86_400_000;
    private static final BigDecimal EXCEL_MILLIS_PER_DAY = BigDecimal.valueOf(MILLIS_PER_DAY);
    private static final BigDecimal EXCEL_PAST_LAST_SERIAL = BigDecimal.valueOf(2_958_466);
    /** Excel took 1900 for a leap year: serial 60 is 29 February 1900, a day that never was. */
    private static final int EXCEL_LEAP_BUG_SERIAL = 60;
    /** Day 0 for serials after the phantom 29 February; before it, serials are off by one more. */
    private static final LocalDate EXCEL_DAY_ZERO = LocalDate.of(1899, 12, 30);

    private static final String[] MONTHS = {
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december"
    };

    private final ZoneId zone;
    private final DayMonthOrder order;

    public DateReader(ZoneId zone, DayMonthOrder order) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.order = Objects.requireNonNull(order, "order");
    }

    /** A point in time. A value without an offset is in this reader's zone; a bare date is the start of that day. */
    public Instant readInstant(String raw) {
        Scan scan = scan(raw);
        LocalDateTime local = scan.localDateTime();
        return scan.offsetSeconds == NO_OFFSET ? local.atZone(zone).toInstant() : local.toInstant(scan.offset());
    }

    /** A calendar date such as a birthday: the time is ignored, but a value with an offset is moved to this zone first. */
    public LocalDate readDate(String raw) {
        Scan scan = scan(raw);
        if (scan.offsetSeconds == NO_OFFSET) {
            return LocalDate.of(scan.year, scan.month, scan.day);
        }
        return LocalDate.ofInstant(scan.localDateTime().toInstant(scan.offset()), zone);
    }

    private Scan scan(String raw) {
        if (raw == null) {
            throw CellProblem.empty();
        }
        Scan scan = new Scan(raw, order);
        scan.read();
        return scan;
    }

    /** A cursor over one value and the fields read from it. */
    private static final class Scan {

        private final String raw;
        private final String s;
        private final DayMonthOrder order;
        private int pos;
        private int end;
        /** Of the last run of digits read. */
        private int value;

        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int nano;
        int offsetSeconds = NO_OFFSET;

        Scan(String raw, DayMonthOrder order) {
            this.raw = raw;
            this.s = FullWidth.toHalfWidth(raw);
            this.order = order;
            this.end = s.length();
        }

        LocalDateTime localDateTime() {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano);
        }

        ZoneOffset offset() {
            return ZoneOffset.ofTotalSeconds(offsetSeconds);
        }

        void read() {
            while (pos < end && isSpace(s.charAt(pos))) {
                pos++;
            }
            while (end > pos && isSpace(s.charAt(end - 1))) {
                end--;
            }
            if (pos == end) {
                throw CellProblem.empty();
            }
            if (readPlainNumber()) {
                return;
            }
            boolean timeMayFollowDirectly = date();
            if (pos == end) {
                return;
            }
            char c = s.charAt(pos);
            if (c == 'T' || c == 't') {
                pos++;
            } else if (isSpace(c)) {
                skipSpaces();
            } else if (!timeMayFollowDirectly) {
                throw notADate();
            }
            time();
            if (pos < end) {
                readOffset();
            }
            if (pos < end) {
                throw notADate();
            }
        }

        /** {@code 20260105} or an Excel serial number: digits with at most one point between them. */
        private boolean readPlainNumber() {
            int point = -1;
            for (int i = pos; i < end; i++) {
                char c = s.charAt(i);
                if (c == '.' && point < 0 && i > pos && i < end - 1) {
                    point = i;
                } else if (!isDigit(c)) {
                    return false;
                }
            }
            if (point < 0 && end - pos == 8) {
                digits();
                compactDate(value);
            } else {
                excelSerial();
            }
            return true;
        }

        private void excelSerial() {
            BigDecimal serial = new BigDecimal(s.substring(pos, end));
            if (serial.compareTo(BigDecimal.ONE) < 0 || serial.compareTo(EXCEL_PAST_LAST_SERIAL) >= 0) {
                throw notADate();
            }
            long days = serial.longValue();
            int millis = serial.subtract(BigDecimal.valueOf(days))
                    .multiply(EXCEL_MILLIS_PER_DAY)
                    .setScale(0, RoundingMode.HALF_UP)
                    .intValue();
            if (millis == MILLIS_PER_DAY) {
                days++;
                millis = 0;
            }
            if (days == EXCEL_LEAP_BUG_SERIAL) {
                throw notADate();
            }
            LocalDate date = EXCEL_DAY_ZERO.plusDays(days < EXCEL_LEAP_BUG_SERIAL ? days + 1 : days);
            setDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            hour = millis / 3_600_000;
            minute = millis / 60_000 % 60;
            second = millis / 1000 % 60;
            nano = millis % 1000 * 1_000_000;
            pos = end;
        }

        /** Reads the date part; returns whether a time may follow without a separator, as after {@code 日}. */
        private boolean date() {
            if (isLetter(s.charAt(pos))) {
                monthDayYear();
                return false;
            }
            int firstLength = digits();
            int first = value;
            if (firstLength == 0 || pos == end) {
                throw notADate();
            }
            char separator = s.charAt(pos);
            if (separator == '-' || separator == '/' || separator == '.') {
                pos++;
                if (pos < end && isLetter(s.charAt(pos))) {
                    dayMonthNameYear(first, firstLength, separator);
                } else {
                    threeNumbers(first, firstLength, separator);
                }
                return false;
            }
            if (separator == '年') {
                return chinese(first, firstLength);
            }
            if (firstLength == 8) {
                compactDate(first);
                return false;
            }
            if (isSpace(separator)) {
                skipSpaces();
                dayMonthNameYear(first, firstLength, ' ');
                return false;
            }
            throw notADate();
        }

        private void threeNumbers(int first, int firstLength, char separator) {
            int secondLength = digits();
            int second = value;
            if (secondLength < 1 || secondLength > 2) {
                throw notADate();
            }
            expect(separator);
            int thirdLength = digits();
            int third = value;
            if (firstLength == 4 && thirdLength >= 1 && thirdLength <= 2) {
                setDate(first, second, third);
            } else if (firstLength <= 2 && thirdLength == 4) {
                setDayAndMonth(first, second, third);
            } else if (firstLength <= 2
                    && thirdLength >= 1
                    && thirdLength <= 2
                    && (firstLength == 2 || thirdLength == 2)) {
                throw new CellProblem(raw, TWO_DIGIT_YEAR);
            } else {
                throw notADate();
            }
        }

        /** A part above 12 can only be the day, whatever the setting says. */
        private void setDayAndMonth(int first, int second, int year) {
            boolean dayFirst = first > 12 || (second <= 12 && order == DayMonthOrder.DAY_FIRST);
            if (dayFirst) {
                setDate(year, second, first);
            } else {
                setDate(year, first, second);
            }
        }

        private boolean chinese(int year, int yearLength) {
            if (yearLength == 2) {
                throw new CellProblem(raw, TWO_DIGIT_YEAR);
            }
            if (yearLength != 4) {
                throw notADate();
            }
            pos++;
            skipSpaces();
            int month = number(1, 2);
            skipSpaces();
            expect('月');
            skipSpaces();
            int day = number(1, 2);
            setDate(year, month, day);
            return consume('日') || consume('号');
        }

        /** {@code 5 Jan 2026}, {@code 05-Jan-2026}. */
        private void dayMonthNameYear(int day, int dayLength, char separator) {
            if (dayLength > 2) {
                throw notADate();
            }
            int month = monthName();
            if (separator == ' ') {
                consume(',');
                skipSpaces();
            } else {
                expect(separator);
            }
            setDate(fullYear(), month, day);
        }

        /** {@code Jan 5, 2026}, {@code January 5 2026}. */
        private void monthDayYear() {
            int month = monthName();
            skipSpaces();
            int day = number(1, 2);
            consume(',');
            skipSpaces();
            setDate(fullYear(), month, day);
        }

        private int fullYear() {
            int length = digits();
            if (length == 2) {
                throw new CellProblem(raw, TWO_DIGIT_YEAR);
            }
            if (length != 4) {
                throw notADate();
            }
            return value;
        }

        private int monthName() {
            int start = pos;
            while (pos < end && isLetter(s.charAt(pos))) {
                pos++;
            }
            int length = pos - start;
            for (int m = 0; m < MONTHS.length; m++) {
                String name = MONTHS[m];
                boolean abbreviated = length == 3 || (length == 4 && m == Month.SEPTEMBER.ordinal());
                if ((abbreviated || length == name.length())
                        && length <= name.length()
                        && s.regionMatches(true, start, name, 0, length)) {
                    return m + 1;
                }
            }
            throw notADate();
        }

        private void compactDate(int yyyymmdd) {
            setDate(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
        }

        private void setDate(int year, int month, int day) {
            if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
                throw notADate();
            }
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                throw new CellProblem(raw, OUT_OF_RANGE);
            }
            this.year = year;
            this.month = month;
            this.day = day;
        }

        private void time() {
            int meridiem = chineseMeridiem();
            hour = number(1, 2);
            if (pos == end) {
                throw notADate();
            }
            char separator = s.charAt(pos++);
            if (separator == ':') {
                minute = number(2, 2);
                if (consume(':')) {
                    second = number(2, 2);
                    if (consume('.')) {
                        fraction();
                    }
                }
            } else if (separator == '时' || separator == '点') {
                if (pos < end && isDigit(s.charAt(pos))) {
                    minute = number(1, 2);
                    consume('分');
                    if (pos < end && isDigit(s.charAt(pos))) {
                        second = number(1, 2);
                        consume('秒');
                    }
                }
            } else {
                throw notADate();
            }
            if (meridiem == NO_MERIDIEM) {
                meridiem = latinMeridiem();
            }
            if (meridiem != NO_MERIDIEM) {
                if (hour < 1 || hour > 12) {
                    throw notADate();
                }
                hour = hour % 12 + meridiem;
            }
            if (hour > 23 || minute > 59 || second > 59) {
                throw notADate();
            }
        }

        private int chineseMeridiem() {
            int meridiem = s.startsWith("上午", pos) ? AM : s.startsWith("下午", pos) ? PM : NO_MERIDIEM;
            if (meridiem != NO_MERIDIEM) {
                pos += 2;
                skipSpaces();
            }
            return meridiem;
        }

        private int latinMeridiem() {
            int before = pos;
            skipSpaces();
            if (s.regionMatches(true, pos, "AM", 0, 2)) {
                pos += 2;
                return AM;
            }
            if (s.regionMatches(true, pos, "PM", 0, 2)) {
                pos += 2;
                return PM;
            }
            pos = before;
            return NO_MERIDIEM;
        }

        private void fraction() {
            int length = digits();
            if (length < 1 || length > 9) {
                throw notADate();
            }
            nano = value;
            for (int i = length; i < 9; i++) {
                nano *= 10;
            }
        }

        /** {@code Z}, {@code UTC}, {@code GMT+8}, {@code +08:00}, {@code +0800}, {@code -5}. */
        private void readOffset() {
            skipSpaces();
            char c = s.charAt(pos);
            if (c == 'Z' || c == 'z') {
                pos++;
                offsetSeconds = 0;
                return;
            }
            if (s.regionMatches(true, pos, "UTC", 0, 3) || s.regionMatches(true, pos, "GMT", 0, 3)) {
                pos += 3;
                offsetSeconds = 0;
                if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    signedOffset();
                }
                return;
            }
            if (c == '+' || c == '-') {
                signedOffset();
                return;
            }
            throw notADate();
        }

        private void signedOffset() {
            int sign = s.charAt(pos++) == '-' ? -1 : 1;
            int length = digits();
            int hours;
            int minutes = 0;
            if (length == 4) {
                hours = value / 100;
                minutes = value % 100;
            } else if (length == 1 || length == 2) {
                hours = value;
                if (consume(':')) {
                    minutes = number(2, 2);
                }
            } else {
                throw notADate();
            }
            int seconds = hours * 3600 + minutes * 60;
            if (minutes > 59 || seconds > MAX_OFFSET_SECONDS) {
                throw notADate();
            }
            offsetSeconds = sign * seconds;
        }

        /** Reads a run of digits, leaving its value in {@link #value}; returns how many digits there were. */
        private int digits() {
            int start = pos;
            int v = 0;
            while (pos < end) {
                char c = s.charAt(pos);
                if (!isDigit(c)) {
                    break;
                }
                if (pos - start < 9) {
                    v = v * 10 + (c - '0');
                }
                pos++;
            }
            value = v;
            return pos - start;
        }

        private int number(int minDigits, int maxDigits) {
            int length = digits();
            if (length < minDigits || length > maxDigits) {
                throw notADate();
            }
            return value;
        }

        private boolean consume(char c) {
            if (pos < end && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw notADate();
            }
        }

        private void skipSpaces() {
            while (pos < end && isSpace(s.charAt(pos))) {
                pos++;
            }
        }

        private CellProblem notADate() {
            return new CellProblem(raw, NOT_A_DATE);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Excel and web exports pad with non-breaking spaces and line breaks as often as with plain spaces. */
    private static boolean isSpace(char c) {
        return c <= ' ' || c == '\u00A0';
    }
}

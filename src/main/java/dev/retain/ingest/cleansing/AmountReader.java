package dev.retain.ingest.cleansing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads money as people type it into spreadsheets: thousands separators ({@code 1,234.50}, {@code 1 234},
 * {@code 1'234}), accounting brackets for negatives, currency signs, ISO codes and Chinese words before or after the
 * number ({@code ¥}, {@code US$}, {@code RMB}, {@code 元}, {@code 美元}), full-width digits, and the multipliers
 * {@code 万} and {@code 亿}. Imports call it millions of times, so it walks the characters once and builds the value
 * from a {@code long} whenever the digits fit.
 */
public final class AmountReader {

    private static final String NOT_AN_AMOUNT = "is not an amount";
    private static final int LONG_SAFE_DIGITS = 18;
    private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());
    /** Currency words and signs written after the number, each followed by its ISO code. */
    private static final String[] SUFFIXES = {
        "元", "CNY",
        "人民币", "CNY",
        "美元", "USD",
        "欧元", "EUR",
        "€", "EUR",
        "英镑", "GBP",
        "円", "JPY",
        "日元", "JPY",
        "港元", "HKD",
        "港币", "HKD"
    };

    private AmountReader() {}

    /** @throws CellProblem saying why when the cell is blank, not one amount, or names two currencies */
    public static Amount read(String raw) {
        if (raw == null) {
            throw CellProblem.empty();
        }
        return new Scan(raw).amount();
    }

    /** A cursor over one value and what has been read from it so far. */
    private static final class Scan {

        private final String raw;
        private final String s;
        private int pos;
        private int end;
        private String currency;

        Scan(String raw) {
            this.raw = raw;
            this.s = FullWidth.toHalfWidth(raw);
            this.end = s.length();
        }

        Amount amount() {
            skipSpaces();
            while (end > pos && isSpace(s.charAt(end - 1))) {
                end--;
            }
            if (pos == end) {
                throw CellProblem.empty();
            }
            boolean bracketed = s.charAt(pos) == '(';
            if (bracketed) {
                if (end - pos < 2 || s.charAt(end - 1) != ')') {
                    throw notAnAmount();
                }
                pos++;
                end--;
                skipSpaces();
            }
            int sign = sign();
            prefix();
            if (sign == 0) {
                sign = sign();
            }
            if (bracketed && sign != 0) {
                throw notAnAmount();
            }
            int start = pos;
            skipNumber();
            int stop = pos;
            skipSpaces();
            int shift = multiplier();
            suffix();
            if (start == stop || pos != end) {
                throw notAnAmount();
            }
            BigDecimal value = number(start, stop);
            if (bracketed || sign < 0) {
                value = value.negate();
            }
            return new Amount(shift == 0 ? value : value.movePointRight(shift), currency);
        }

        /** Returns -1, 1, or 0 when there is no sign. */
        private int sign() {
            if (pos == end) {
                return 0;
            }
            char c = s.charAt(pos);
            int sign = c == '-' || c == '\u2212' ? -1 : c == '+' ? 1 : 0;
            if (sign != 0) {
                pos++;
                skipSpaces();
            }
            return sign;
        }

        private void prefix() {
            if (pos == end) {
                return;
            }
            char c = s.charAt(pos);
            String code = null;
            int after = pos + 1;
            if (c == '¥' || c == '￥') {
                code = "CNY";
            } else if (c == '$') {
                code = "USD";
            } else if (c == '€') {
                code = "EUR";
            } else if (c == '£' || c == '￡') {
                code = "GBP";
            } else if (s.startsWith("人民币", pos)) {
                code = "CNY";
                after = pos + 3;
            } else if (isLetter(c)) {
                after = letters(pos);
                if (after < end && s.charAt(after) == '$') {
                    code = dollar(pos, after);
                    after++;
                } else {
                    code = isoCode(pos, after);
                }
                if (code == null) {
                    throw notAnAmount();
                }
            }
            if (code != null) {
                setCurrency(code);
                pos = after;
                skipSpaces();
            }
        }

        private String dollar(int from, int to) {
            if (to - from == 2 && s.regionMatches(true, from, "US", 0, 2)) {
                return "USD";
            }
            if (to - from == 2 && s.regionMatches(true, from, "HK", 0, 2)) {
                return "HKD";
            }
            return null;
        }

        /** Digits, and the separators that have a digit right after them; what they mean is decided in number(). */
        private void skipNumber() {
            while (pos < end) {
                char c = s.charAt(pos);
                boolean separator = c == '.' || c == ',' || c == '\'' || isSpace(c);
                if (!isDigit(c) && !(separator && pos + 1 < end && isDigit(s.charAt(pos + 1)))) {
                    return;
                }
                pos++;
            }
        }

        private int multiplier() {
            if (pos < end && (s.charAt(pos) == '万' || s.charAt(pos) == '亿')) {
                int shift = s.charAt(pos) == '万' ? 4 : 8;
                pos++;
                skipSpaces();
                return shift;
            }
            return 0;
        }

        private void suffix() {
            if (pos == end) {
                return;
            }
            for (int i = 0; i < SUFFIXES.length; i += 2) {
                if (s.startsWith(SUFFIXES[i], pos)) {
                    setCurrency(SUFFIXES[i + 1]);
                    pos += SUFFIXES[i].length();
                    return;
                }
            }
            int after = letters(pos);
            String code = isoCode(pos, after);
            if (code != null) {
                setCurrency(code);
                pos = after;
            }
        }

        private int letters(int from) {
            int to = from;
            while (to < end && isLetter(s.charAt(to))) {
                to++;
            }
            return to;
        }

        private String isoCode(int from, int to) {
            if (to - from != 3) {
                return null;
            }
            String code = s.substring(from, to).toUpperCase(Locale.ROOT);
            if (code.equals("RMB")) {
                return "CNY";
            }
            return ISO_CODES.contains(code) ? code : null;
        }

        private void setCurrency(String code) {
            if (currency != null && !currency.equals(code)) {
                throw new CellProblem(raw, "names two currencies");
            }
            currency = code;
        }

        /**
         * Interprets the digits and separators between {@code start} and {@code stop}: one kind of thousands separator
         * between groups of three digits, then at most one decimal point.
         */
        private BigDecimal number(int start, int stop) {
            char point = decimalPoint(start, stop);
            char grouping = 0;
            int groupDigits = 0;
            boolean seenPoint = false;
            int digits = 0;
            int scale = 0;
            long unscaled = 0;
            for (int i = start; i < stop; i++) {
                char c = s.charAt(i);
                if (isDigit(c)) {
                    unscaled = unscaled * 10 + (c - '0');
                    digits++;
                    if (seenPoint) {
                        scale++;
                    } else {
                        groupDigits++;
                    }
                } else if (c == point && !seenPoint) {
                    if (grouping != 0 && groupDigits != 3) {
                        throw notAnAmount();
                    }
                    seenPoint = true;
                } else if (!seenPoint && (grouping == 0 || c == grouping)) {
                    boolean firstGroup = grouping == 0;
                    if (groupDigits == 0 || groupDigits > 3 || (!firstGroup && groupDigits != 3)) {
                        throw notAnAmount();
                    }
                    grouping = c;
                    groupDigits = 0;
                } else {
                    throw notAnAmount();
                }
            }
            if (grouping != 0 && !seenPoint && groupDigits != 3) {
                throw notAnAmount();
            }
            if (digits <= LONG_SAFE_DIGITS) {
                return BigDecimal.valueOf(unscaled, scale);
            }
            var all = new StringBuilder(digits);
            for (int i = start; i < stop; i++) {
                if (isDigit(s.charAt(i))) {
                    all.append(s.charAt(i));
                }
            }
            return new BigDecimal(new BigInteger(all.toString()), scale);
        }

        /** {@code .}, except for euros written the European way: one comma followed by exactly two digits. */
        private char decimalPoint(int start, int stop) {
            // a separator is always followed by a digit, so a first comma at stop - 3 is the only one
            if ("EUR".equals(currency) && stop - start > 3 && s.indexOf(',', start) == stop - 3) {
                return ',';
            }
            return '.';
        }

        private void skipSpaces() {
            while (pos < end && isSpace(s.charAt(pos))) {
                pos++;
            }
        }

        private CellProblem notAnAmount() {
            return new CellProblem(raw, NOT_AN_AMOUNT);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Narrow and ordinary non-breaking spaces are what French and Excel exports put between thousands. */
    private static boolean isSpace(char c) {
        return c <= ' ' || c == '\u00A0' || c == '\u202F';
    }
}

package dev.retain.customers;

import java.util.Set;

/**
 * A phone number's country calling code and the first three digits after it ({@code "+86 138"} of
 * {@code +8613812345678}): for a Chinese mobile its carrier's number block, for most landlines their area. It
 * identifies nobody, so conditions and reports read it when the number itself is encrypted. Calling codes are told
 * apart by their first digits, as E.164 assigns them; the database's {@code phone_prefix(text)} does the same.
 */
public final class PhonePrefix {

    static final Set<String> ONE_DIGIT = Set.of("1", "7");
    static final Set<String> TWO_DIGITS = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
            "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
            "86", "90", "91", "92", "93", "94", "95", "98");

    private PhonePrefix() {}

    /** The prefix of a number in E.164, or null for null. */
    public static String of(String e164) {
        if (e164 == null) {
            return null;
        }
        int code = ONE_DIGIT.contains(e164.substring(1, 2)) ? 1 : TWO_DIGITS.contains(e164.substring(1, 3)) ? 2 : 3;
        int national = 1 + code;
        return e164.substring(0, national) + " " + e164.substring(national, Math.min(e164.length(), national + 3));
    }

    /** The last four digits, which the customer search finds a number by. */
    static String lastFour(String e164) {
        return e164.substring(e164.length() - 4);
    }
}

package dev.retain.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** A phone number in E.164 ({@code +8613812345678}), however it was typed. */
public record Phone(String e164) {

    private static final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();

    public Phone {
        if (e164 == null || !e164.matches("\\+[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("not an E.164 phone number: " + e164);
        }
    }

    /**
     * Reads a number as people type it ("138 1234 5678", "+86-138…", "(021) 6234 5678"); numbers without a country
     * code are read in {@code defaultRegion} (e.g. "CN").
     *
     * @throws IllegalArgumentException saying why when it is not a valid number
     */
    public static Phone parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String text = normaliseWidth(raw.strip());
        if (text.startsWith("(+") || text.startsWith("（+")) {
            text = "+" + text.substring(2).replaceFirst("[)）]", " ");
        } else if (text.matches("00[1-9].*")) {
            text = "+" + text.substring(2);
        } else if (text.matches("86[- ]1\\d.*") || text.matches("861[3-9]\\d{9}")) {
            text = "+" + text;
        }
        try {
            PhoneNumber number = numbers.parse(text, defaultRegion);
            if (!numbers.isValidNumber(number)) {
                throw new IllegalArgumentException("'" + raw + "' is not a valid phone number");
            }
            return new Phone(numbers.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a phone number");
        }
    }

    /** Full-width digits and signs (＋８６ １３８…) as typed with a Chinese input method, to half-width. */
    private static String normaliseWidth(String text) {
        var result = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            result.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        }
        return result.toString();
    }

    @Override
    public String toString() {
        return e164;
    }
}

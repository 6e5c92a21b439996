package dev.retain.coupons;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Coupon codes: ten characters a person reads aloud or types without confusion — digits and capitals without 0, O, 1,
 * I and L — drawn at random (31^10 codes, so guessing one is hopeless). Typed codes are read case- and
 * space-insensitively.
 */
final class CouponCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;

    private static final SecureRandom random = new SecureRandom();

    private CouponCodes() {}

    static String next() {
        var code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A code as a person typed it ("abcd-efgh 23"), as stored ("ABCDEFGH23"). */
    static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}

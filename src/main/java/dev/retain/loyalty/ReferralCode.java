package dev.retain.loyalty;

import dev.retain.platform.PersonalDataCipher;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A member's referral code, derived rather than stored: the customer id in base 32 (Crockford's alphabet, no I, L, O,
 * U), a dash, and eight characters (40 bits) of an HMAC of the id under the instance's blind-index key — e.g.
 * {@code 1A4-7KQ2M9XD}. A code decodes to its member without a table keyed by code; a code whose check does not match
 * (typed wrong, or made up) is refused.
 */
@Component
class ReferralCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String PURPOSE = "loyalty-referral";
    private static final int CHECK_LENGTH = 8;
    static final int MAX_LENGTH = 40;

    private final PersonalDataCipher cipher;

    ReferralCode(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    String of(long customerId) {
        return encode(customerId) + "-" + check(customerId);
    }

    /** The member the code names, or empty when it is malformed or its check does not match. */
    Optional<Long> decode(String code) {
        if (code == null || code.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String normal = code.strip()
                .toUpperCase(Locale.ROOT)
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1')
                .replace(" ", "");
        int dash = normal.indexOf('-');
        if (dash <= 0 || dash > 13 || normal.length() - dash - 1 != CHECK_LENGTH) {
            return Optional.empty();
        }
        long id = 0;
        for (char c : normal.substring(0, dash).toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0 || id > (Long.MAX_VALUE >> 5)) {
                return Optional.empty();
            }
            id = id * 32 + digit;
        }
        byte[] given = normal.substring(dash + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = check(id).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return id > 0 && MessageDigest.isEqual(given, expected) ? Optional.of(id) : Optional.empty();
    }

    private static String encode(long value) {
        StringBuilder text = new StringBuilder();
        long rest = value;
        do {
            text.append(ALPHABET.charAt((int) (rest & 31)));
            rest >>>= 5;
        } while (rest > 0);
        return text.reverse().toString();
    }

    private String check(long customerId) {
        byte[] mac = cipher.blindIndex(PURPOSE, Long.toString(customerId));
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < CHECK_LENGTH; i++) {
            text.append(ALPHABET.charAt((int) (bits & 31)));
            bits >>>= 5;
        }
        return text.toString();
    }
}

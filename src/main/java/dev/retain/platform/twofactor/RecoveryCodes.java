package dev.retain.platform.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time recovery codes: 16 base32 characters (80 random bits), shown as {@code abcd-efgh-ijkl-mnop}. So many bits
 * need no slow hash: only their SHA-256 is stored, like API tokens.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final int LENGTH = 16;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private RecoveryCodes() {}

    static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            var code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The code as typed, without dashes, spaces or capitals; empty when it cannot be a recovery code. */
    static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
                ? Optional.of(code)
                : Optional.empty();
    }

    static String hash(String code) {
        String normalised = normalise(code).orElseThrow(() -> new IllegalArgumentException("not a recovery code"));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(normalised.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

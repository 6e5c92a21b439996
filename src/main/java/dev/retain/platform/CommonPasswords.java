package dev.retain.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The bundled list of the most common passwords (see {@code passwords/README.md} for its source and licence). */
final class CommonPasswords {

    private static final String RESOURCE = "/passwords/common-passwords.txt";

    private static final Set<String> LIST = load();

    private CommonPasswords() {}

    /** Compared without regard to case: "Password123" is as guessable as "password123". */
    static boolean contains(String password) {
        return LIST.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        var passwords = new HashSet<String>();
        try (var reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CommonPasswords.class.getResourceAsStream(RESOURCE), RESOURCE),
                StandardCharsets.UTF_8))) {
            reader.lines().map(line -> line.strip().toLowerCase(Locale.ROOT)).forEach(passwords::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}

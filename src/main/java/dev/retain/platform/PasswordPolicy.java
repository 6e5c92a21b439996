package dev.retain.platform;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Checks a new password wherever one is set: creating a user, changing or resetting a password, the API. */
final class PasswordPolicy {

    private PasswordPolicy() {}

    /** The first rule the password breaks, if any. */
    static Optional<PasswordRule> brokenRule(String username, String password) {
        if (password == null || password.length() < PasswordRule.MIN_CHARACTERS) {
            return Optional.of(PasswordRule.MIN_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordRule.MAX_BYTES) {
            return Optional.of(PasswordRule.MAX_LENGTH);
        }
        if (username != null
                && password.strip()
                        .toLowerCase(Locale.ROOT)
                        .equals(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(PasswordRule.NOT_USERNAME);
        }
        if (CommonPasswords.contains(password)) {
            return Optional.of(PasswordRule.NOT_COMMON);
        }
        return Optional.empty();
    }
}

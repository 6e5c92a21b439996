package dev.retain.platform;

import java.util.Map;

/** Invalid input where the password breaks a {@link PasswordRule}; pages show the rule in the user's language. */
public class WeakPasswordException extends InvalidInputException {

    private final String field;
    private final PasswordRule rule;

    WeakPasswordException(Map<String, String> fieldErrors, String field, PasswordRule rule) {
        super(fieldErrors);
        this.field = field;
        this.rule = rule;
    }

    /** The form field holding the password. */
    public String field() {
        return field;
    }

    public PasswordRule rule() {
        return rule;
    }
}

package dev.retain.platform;

/** The rules every new password must pass; pages show each by its message key {@code password.rule.NAME}. */
public enum PasswordRule {
    MIN_LENGTH("at least " + PasswordRule.MIN_CHARACTERS + " characters"),
    MAX_LENGTH("at most " + PasswordRule.MAX_BYTES + " bytes (a Chinese character takes 3)"),
    NOT_USERNAME("must not be the username"),
    NOT_COMMON("is one of the most common passwords; choose another");

    public static final int MIN_CHARACTERS = 10;

    /** The most bcrypt reads of a password; the rest would be ignored. */
    public static final int MAX_BYTES = 72;

    private final String message;

    PasswordRule(String message) {
        this.message = message;
    }

    /** The English message used in API errors. */
    public String message() {
        return message;
    }
}

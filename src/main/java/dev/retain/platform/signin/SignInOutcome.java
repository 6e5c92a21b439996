package dev.retain.platform.signin;

/** What became of a sign-in attempt, as the audit log records it. */
public enum SignInOutcome {
    SUCCEEDED,
    /** The password was right and the account signs in with two factors: its second step comes next. */
    PASSWORD_ACCEPTED,
    FAILED,
    /** Refused before the password was checked: too many recent failures. */
    THROTTLED,
    /** Refused before the password was checked: the account is locked. */
    LOCKED
}

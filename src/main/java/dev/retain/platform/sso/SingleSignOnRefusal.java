package dev.retain.platform.sso;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why a single sign-on did not let someone in, as the sign-in page explains it ({@code /login?sso=no-role}) and the
 * audit log records it. Unlike a wrong password, the provider has already vouched for the person, so the page may
 * say what is wrong on Retain's side.
 */
public enum SingleSignOnRefusal {
    /** None of the person's groups is mapped to a Retain role. */
    NO_ROLE,
    /** The Retain user is disabled. */
    DISABLED,
    /** No Retain user of that name, and users are not created on first sign-in. */
    UNKNOWN_USER,
    /** The provider sent no username claim, or one that is not a valid Retain username. */
    NO_USERNAME,
    /** The Retain user of that name is linked to another person at the same provider. */
    TAKEN,
    /** The provider could not be reached to start the sign-in. */
    UNAVAILABLE,
    /** The provider refused or the answer did not check out (cancelled, expired, invalid token, …). */
    FAILED;

    /** The value of the sign-in page's {@code sso} parameter, also the end of the message key. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The refusal a sign-in page parameter names; anything else is a plain failure. */
    public static SingleSignOnRefusal fromParameter(String parameter) {
        return Arrays.stream(values())
                .filter(refusal -> refusal.parameter().equals(parameter))
                .findFirst()
                .orElse(FAILED);
    }
}

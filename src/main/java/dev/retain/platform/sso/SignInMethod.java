package dev.retain.platform.sso;

/** How a user can sign in, as the users page shows it. */
public enum SignInMethod {
    PASSWORD,
    /** Created by single sign-on, no password (until an admin sets one). */
    SINGLE_SIGN_ON,
    /** Linked to the provider, and with a password too. */
    PASSWORD_AND_SINGLE_SIGN_ON
}

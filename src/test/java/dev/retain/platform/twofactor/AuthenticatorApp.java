package dev.retain.platform.twofactor;

import java.time.Instant;

/** What a phone's authenticator app shows for a secret, for tests that sign in with two factors. */
public final class AuthenticatorApp {

    private AuthenticatorApp() {}

    /** The code shown now; it is accepted until the end of the next 30-second step. */
    public static String codeNow(String secret) {
        return Totp.code(Base32.decode(secret), Totp.step(Instant.now()), Totp.DIGITS);
    }
}

package dev.retain.platform.security;

import dev.retain.platform.signin.SignInVerdict;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was checked: too many failures, or a locked account. */
class SignInRefusedException extends AuthenticationException {

    private final SignInVerdict verdict;

    SignInRefusedException(SignInVerdict verdict) {
        super("Sign-in refused: " + verdict.kind());
        this.verdict = verdict;
    }

    SignInVerdict verdict() {
        return verdict;
    }
}

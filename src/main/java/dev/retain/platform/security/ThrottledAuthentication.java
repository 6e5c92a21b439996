package dev.retain.platform.security;

import dev.retain.platform.signin.SignInAttempts;
import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.Channel;
import dev.retain.platform.signin.SignInOutcome;
import dev.retain.platform.signin.SignInVerdict;
import dev.retain.platform.twofactor.TwoFactor;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The sign-in form's password check, guarded by {@link SignInAttempts}: refused without checking the password while
 * the account or the client address must wait or the account is locked. Every attempt is audited. For an account with
 * two-factor sign-in a right password is only the first step ({@link SignInSuccess} sends it to the second): its
 * failures are not forgiven until the second step succeeds.
 */
@Component
class ThrottledAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwordCheck;
    private final SignInAttempts attempts;
    private final SignInAudit audit;
    private final TwoFactor twoFactor;

    ThrottledAuthentication(
            UserDetailsService userDetails,
            PasswordEncoder passwords,
            SignInAttempts attempts,
            SignInAudit audit,
            TwoFactor twoFactor) {
        this.passwordCheck = new DaoAuthenticationProvider(userDetails);
        this.passwordCheck.setPasswordEncoder(passwords);
        this.attempts = attempts;
        this.audit = audit;
        this.twoFactor = twoFactor;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        SignInVerdict verdict = attempts.begin(username, address);
        if (!verdict.allowed()) {
            audit.record(username, address, Channel.WEB, refusal(verdict));
            throw new SignInRefusedException(verdict);
        }
        try {
            Authentication result = passwordCheck.authenticate(authentication);
            if (twoFactor.enabledFor(result.getName())) {
                attempts.passedPassword(username, address);
                audit.record(username, address, Channel.WEB, SignInOutcome.PASSWORD_ACCEPTED);
            } else {
                attempts.succeeded(username, address);
                audit.record(username, address, Channel.WEB, SignInOutcome.SUCCEEDED);
            }
            return result;
        } catch (AuthenticationException e) {
            attempts.failed(username);
            audit.record(username, address, Channel.WEB, SignInOutcome.FAILED);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static SignInOutcome refusal(SignInVerdict verdict) {
        return verdict.kind() == SignInVerdict.Kind.LOCKED ? SignInOutcome.LOCKED : SignInOutcome.THROTTLED;
    }
}

package dev.retain.platform.users;

import dev.retain.platform.UserAccounts;
import dev.retain.platform.WrongPasswordException;
import dev.retain.platform.signin.SignInAttempts;
import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.Channel;
import dev.retain.platform.signin.SignInOutcome;
import dev.retain.platform.signin.SignInVerdict;
import dev.retain.platform.twofactor.TwoFactor;
import org.springframework.stereotype.Component;

/**
 * A password change through the API, where the username and current password are the only credentials: counted and
 * refused like sign-ins, so the endpoint cannot be used to guess passwords faster than the sign-in form. It signs
 * nobody in; for an account with two-factor sign-in a right password forgives only its own attempt, so it cannot
 * wipe out the failed codes of a second step either.
 */
@Component
class OwnPasswordChange {

    private final UserAccounts users;
    private final SignInAttempts attempts;
    private final SignInAudit audit;
    private final TwoFactor twoFactor;

    OwnPasswordChange(UserAccounts users, SignInAttempts attempts, SignInAudit audit, TwoFactor twoFactor) {
        this.users = users;
        this.attempts = attempts;
        this.audit = audit;
        this.twoFactor = twoFactor;
    }

    /** Changes the password, or says why not: refused (wait or locked) or wrong credentials (as an exception). */
    SignInVerdict change(String username, String currentPassword, String newPassword, String address) {
        SignInVerdict verdict = attempts.begin(username, address);
        if (!verdict.allowed()) {
            audit.record(username, address, Channel.API, refusal(verdict));
            return verdict;
        }
        boolean enabled =
                users.findByUsername(username).map(user -> user.enabled()).orElse(false);
        try {
            if (!enabled) {
                throw new WrongPasswordException();
            }
            users.changePassword(username, currentPassword, newPassword);
        } catch (WrongPasswordException e) {
            attempts.failed(username);
            audit.record(username, address, Channel.API, SignInOutcome.FAILED);
            throw e;
        } catch (RuntimeException e) {
            // The credentials were right and the new password was refused: not a failed sign-in.
            passed(username, address);
            throw e;
        }
        audit.record(username, address, Channel.API, passed(username, address));
        return verdict;
    }

    private SignInOutcome passed(String username, String address) {
        if (twoFactor.enabledFor(username)) {
            attempts.passedPassword(username, address);
            return SignInOutcome.PASSWORD_ACCEPTED;
        }
        attempts.succeeded(username, address);
        return SignInOutcome.SUCCEEDED;
    }

    private static SignInOutcome refusal(SignInVerdict verdict) {
        return verdict.kind() == SignInVerdict.Kind.LOCKED ? SignInOutcome.LOCKED : SignInOutcome.THROTTLED;
    }
}

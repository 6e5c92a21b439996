package dev.retain.platform.users;

import dev.retain.platform.UserAccounts;
import dev.retain.platform.WrongPasswordException;
import dev.retain.platform.signin.SignInAttempts;
import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.Channel;
import dev.retain.platform.signin.SignInOutcome;
import dev.retain.platform.signin.SignInVerdict;
import org.springframework.stereotype.Component;

/**
 * A password change through the API, where the username and current password are the only credentials: counted and
 * refused like sign-ins, so the endpoint cannot be used to guess passwords faster than the sign-in form.
 */
@Component
class OwnPasswordChange {

    private final UserAccounts users;
    private final SignInAttempts attempts;
    private final SignInAudit audit;

    OwnPasswordChange(UserAccounts users, SignInAttempts attempts, SignInAudit audit) {
        this.users = users;
        this.attempts = attempts;
        this.audit = audit;
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
            attempts.succeeded(username, address);
            throw e;
        }
        attempts.succeeded(username, address);
        audit.record(username, address, Channel.API, SignInOutcome.SUCCEEDED);
        return verdict;
    }

    private static SignInOutcome refusal(SignInVerdict verdict) {
        return verdict.kind() == SignInVerdict.Kind.LOCKED ? SignInOutcome.LOCKED : SignInOutcome.THROTTLED;
    }
}

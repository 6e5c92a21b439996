package dev.retain.platform.security;

import dev.retain.platform.signin.AccountSessions;
import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.Channel;
import dev.retain.platform.signin.SignInOutcome;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;

/** A single sign-on that let someone in: audited, then finished like a password sign-in. */
class SingleSignOnSuccess extends SignInSuccess {

    private final SignInAudit audit;

    SingleSignOnSuccess(AccountSessions sessions, SignInAudit audit) {
        super(sessions);
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        audit.record(
                authentication.getName(), request.getRemoteAddr(), Channel.SINGLE_SIGN_ON, SignInOutcome.SUCCEEDED);
        super.onAuthenticationSuccess(request, response, authentication);
    }
}

package dev.retain.platform.security;

import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.Channel;
import dev.retain.platform.signin.SignInOutcome;
import dev.retain.platform.sso.SingleSignOnRefusal;
import dev.retain.platform.sso.SingleSignOnRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A single sign-on that did not let someone in: audited with the reason, then back to the sign-in page, which says
 * what went wrong ({@code /login?sso=no-role}). A provider that could not be reached to start with is no sign-in
 * attempt and is only logged.
 */
class SingleSignOnFailure implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnFailure.class);

    private final SignInAudit audit;

    SingleSignOnFailure(SignInAudit audit) {
        this.audit = audit;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        SingleSignOnRefusal refusal;
        if (exception instanceof SingleSignOnRefusedException refused) {
            refusal = refused.refusal();
            record(request, refused.username(), refusal.parameter());
        } else if (exception instanceof OAuth2AuthenticationException oauth2) {
            refusal = SingleSignOnRefusal.FAILED;
            log.info("Single sign-on failed: {}", oauth2.getError());
            record(request, null, oauth2.getError().getErrorCode());
        } else {
            // the authorization request could not be made: the provider's discovery document was out of reach
            refusal = SingleSignOnRefusal.UNAVAILABLE;
            log.warn("Single sign-on could not start: {}", abbreviated(exception.getCause()));
        }
        response.sendRedirect(request.getContextPath() + "/login?sso=" + refusal.parameter());
    }

    /** The provider's error page may be quoted whole in the message: its start says enough. */
    private static String abbreviated(Throwable cause) {
        String message = String.valueOf(cause == null ? null : cause.getMessage());
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private void record(HttpServletRequest request, String username, String reason) {
        audit.record(username, request.getRemoteAddr(), Channel.SINGLE_SIGN_ON, SignInOutcome.FAILED, reason);
    }
}

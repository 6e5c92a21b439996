package dev.retain.platform.security;

import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.signin.SignInAudit.Channel;
import dev.retain.platform.signin.SignInOutcome;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * A single sign-on that let someone in: audited, then completed like a password sign-in, without Retain's second step
 * (the provider is where such a person proves a second factor).
 */
class SingleSignOnSuccess implements AuthenticationSuccessHandler {

    private final SignInSuccess signIn;
    private final SignInAudit audit;

    SingleSignOnSuccess(SignInSuccess signIn, SignInAudit audit) {
        this.signIn = signIn;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        audit.record(
                authentication.getName(), request.getRemoteAddr(), Channel.SINGLE_SIGN_ON, SignInOutcome.SUCCEEDED);
        request.getSession().setAttribute(SessionCheck.SIGNED_IN_AT_PROVIDER, true);
        signIn.completed(request, response, authentication);
    }
}

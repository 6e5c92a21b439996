package dev.retain.platform.security;

import dev.retain.platform.signin.SignInVerdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the sign-in page with one of three messages: wrong username or password (whatever the reason, so that
 * nobody learns which usernames exist or are disabled), wait N seconds, or locked.
 */
class SignInFailureRedirect implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String query = "error";
        if (exception instanceof SignInRefusedException refused) {
            SignInVerdict verdict = refused.verdict();
            query = verdict.kind() == SignInVerdict.Kind.LOCKED ? "locked" : "wait=" + verdict.waitSeconds();
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}

package dev.retain.platform.security;

import dev.retain.platform.signin.AccountSessions;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** Marks the new session with the account's session version, then goes where the user was headed (or home). */
class SignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

    private final AccountSessions sessions;

    SignInSuccess(AccountSessions sessions) {
        this.sessions = sessions;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        sessions.remember(request.getSession(), authentication.getName());
        super.onAuthenticationSuccess(request, response, authentication);
    }
}

package dev.retain.platform.security;

import dev.retain.platform.signin.AccountSessions;
import dev.retain.platform.twofactor.TwoFactor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * After a right password: an account with two-factor sign-in is not signed in yet. Its session forgets the
 * authentication the form just stored and only remembers the pending second step ({@link TwoFactorSignInController}),
 * so nothing else opens in between. Any other account's session is marked with the account's session version and goes
 * where the user was headed (or home).
 */
@Component
class SignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

    static final String SECOND_STEP = "/login/two-factor";

    private final AccountSessions sessions;
    private final TwoFactor twoFactor;
    private final Clock clock;

    SignInSuccess(AccountSessions sessions, TwoFactor twoFactor, Clock clock) {
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.clock = clock;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        HttpSession session = request.getSession();
        if (twoFactor.enabledFor(authentication.getName())) {
            SecurityContextHolder.clearContext();
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            new PendingSecondStep(authentication.getName(), clock.instant()).keepIn(session);
            getRedirectStrategy().sendRedirect(request, response, SECOND_STEP);
            return;
        }
        PendingSecondStep.forget(session);
        completed(request, response, authentication);
    }

    /** The sign-in is complete (after the password, or after the second step): off to where the user was headed. */
    void completed(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        sessions.remember(request.getSession(), authentication.getName());
        super.onAuthenticationSuccess(request, response, authentication);
    }
}

package dev.retain.platform.security;

import dev.retain.platform.signin.AccountSessions;
import dev.retain.platform.signin.AccountSessions.AccountState;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On every signed-in web request: a session of a disabled user, or one signed in before the user's sessions were
 * ended, is invalidated and sent to sign in; a user who must change their password can open nothing but that page,
 * then a user whose role requires two-factor sign-in and who has not switched it on nothing but its enrolment (unless
 * single sign-on signed them in: their provider asks for the second factor). One
 * indexed read per request, in the shared database, so it holds across instances.
 */
class SessionCheck extends OncePerRequestFilter {

    static final String CHANGE_PASSWORD = "/account/password";
    static final String ENROL_TWO_FACTOR = "/account/two-factor";

    /** Marks a session signed in by single sign-on: the provider asks for its second factor, not Retain. */
    static final String SIGNED_IN_AT_PROVIDER = SessionCheck.class.getName() + ".provider";

    private static final List<String> OPEN_ALWAYS = List.of("/logout", "/login", "/favicon.ico", "/error");

    private static final List<String> STATIC = List.of("/webjars/", "/assets/", "/favicon.ico");

    private final AccountSessions sessions;

    SessionCheck(AccountSessions sessions) {
        this.sessions = sessions;
    }

    /** Whether a user who may open only {@code page} may open this path: the page itself, its forms, signing out. */
    private static boolean opens(String path, String page) {
        return path.equals(page)
                || path.startsWith(page + "/")
                || OPEN_ALWAYS.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (STATIC.stream().anyMatch(path::startsWith)
                || authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()
                || session == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AccountState> state = sessions.state(authentication.getName());
        if (state.isEmpty() || !state.get().enabled() || !AccountSessions.current(session, state.get())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?ended");
            return;
        }
        if (state.get().mustChangePassword() && !opens(path, CHANGE_PASSWORD)) {
            response.sendRedirect(request.getContextPath() + CHANGE_PASSWORD);
            return;
        }
        if (!state.get().mustChangePassword()
                && state.get().mustEnrolTwoFactor()
                && session.getAttribute(SIGNED_IN_AT_PROVIDER) == null
                && !opens(path, ENROL_TWO_FACTOR)) {
            response.sendRedirect(request.getContextPath() + ENROL_TWO_FACTOR);
            return;
        }
        chain.doFilter(request, response);
    }
}

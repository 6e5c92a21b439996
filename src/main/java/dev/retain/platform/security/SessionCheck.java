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
 * ended, is invalidated and sent to sign in; a user who must change their password can open nothing but that page.
 * One indexed read per request, in the shared database, so it holds across instances.
 */
class SessionCheck extends OncePerRequestFilter {

    static final String CHANGE_PASSWORD = "/account/password";

    private static final List<String> OPEN_WHILE_CHANGING =
            List.of(CHANGE_PASSWORD, "/logout", "/login", "/webjars/", "/assets/", "/favicon.ico", "/error");

    private static final List<String> STATIC = List.of("/webjars/", "/assets/", "/favicon.ico");

    private final AccountSessions sessions;

    SessionCheck(AccountSessions sessions) {
        this.sessions = sessions;
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
        if (state.get().mustChangePassword() && OPEN_WHILE_CHANGING.stream().noneMatch(path::startsWith)) {
            response.sendRedirect(request.getContextPath() + CHANGE_PASSWORD);
            return;
        }
        chain.doFilter(request, response);
    }
}

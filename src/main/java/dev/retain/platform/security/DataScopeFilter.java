package dev.retain.platform.security;

import dev.retain.platform.DataScopes;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.ViewerScope;
import dev.retain.platform.apikeys.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds each signed-in request to the data scope of the person (or the user an API key acts for) behind it, for the
 * whole request, so that every read and change it makes is scoped. Not a bean: it runs in the security chains only.
 */
final class DataScopeFilter extends OncePerRequestFilter {

    private static final ViewerScope NO_ONES_CUSTOMERS = ViewerScope.of(Set.of(), Set.of());

    private final DataScopes scopes;
    private final UserAccounts users;

    DataScopeFilter(DataScopes scopes, UserAccounts users) {
        this.scopes = scopes;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (ViewerScope.Binding binding =
                scopeOf(SecurityContextHolder.getContext().getAuthentication()).bind()) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** A user who has gone (or was disabled) since signing in sees no one's customers. */
    private ViewerScope scopeOf(UserAccount user) {
        return user.enabled() ? scopes.of(user.id(), user.roles()) : NO_ONES_CUSTOMERS;
    }

    private ViewerScope scopeOf(Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return ViewerScope.EVERYTHING;
        }
        if (authentication.getDetails() instanceof ApiKey key) {
            return key.userId() == null ? ViewerScope.EVERYTHING : scopeOf(users.find(key.userId()));
        }
        return users.findByUsername(authentication.getName()).map(this::scopeOf).orElse(NO_ONES_CUSTOMERS);
    }
}

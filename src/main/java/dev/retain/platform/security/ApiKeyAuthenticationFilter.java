package dev.retain.platform.security;

import dev.retain.platform.apikeys.ApiKey;
import dev.retain.platform.apikeys.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs an API request in as its API key ("api-key:NAME") with the key's roles. A refused token leaves the request
 * anonymous, with the reason ({@link ApiKeys.Refusal}) for the 401 answer. Not a bean, so that it runs only in the API's
 * security chain and is not also registered as a servlet filter for every request.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    /** The request attribute holding why the request's token was refused. */
    static final String REFUSAL = ApiKeyAuthenticationFilter.class.getName() + ".refusal";

    private final ApiKeys apiKeys;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ApiKeys.TokenCheck check =
                    apiKeys.check(header.substring(PREFIX.length()).strip());
            if (!check.accepted()) {
                request.setAttribute(REFUSAL, check.refusal());
            } else {
                ApiKey key = check.key();
                var authorities = key.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList();
                var authentication =
                        UsernamePasswordAuthenticationToken.authenticated("api-key:" + key.name(), null, authorities);
                authentication.setDetails(key);
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }
        }
        chain.doFilter(request, response);
    }
}

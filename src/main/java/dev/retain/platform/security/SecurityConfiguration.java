package dev.retain.platform.security;

import dev.retain.platform.DataScopes;
import dev.retain.platform.Role;
import dev.retain.platform.SecurityHeaders;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.platform.signin.AccountSessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Two doors: the REST API and actuator take API keys ({@code Authorization: Bearer …}) and answer 401/403 as
 * problem+json (the metrics only for {@link Role#MONITORING}, everything else only for staff roles); the web UI takes a
 * form sign-in (throttled, see {@link ThrottledAuthentication}; a second step for two-factor accounts, see {@link
 * TwoFactorSignInController}) with a session and CSRF protection, and checks on each request that the session was not
 * ended ({@link SessionCheck}). Both send
 * {@link SecurityHeaders} and bind the request to its viewer's data scope ({@link DataScopeFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final String[] STAFF_ROLES =
            Role.staff().stream().map(Role::name).toArray(String[]::new);

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http, ApiKeys apiKeys, ProblemResponses problems, DataScopes scopes, UserAccounts users)
            throws Exception {
        return http.securityMatcher("/api/v1/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // The current password in the body is the credential, checked under sign-in throttling
                        .requestMatchers(HttpMethod.POST, "/api/v1/account/password")
                        .permitAll()
                        // The metrics: for a monitoring system's key, and only for it
                        .requestMatchers("/actuator/prometheus")
                        .hasRole(Role.MONITORING.name())
                        // Everything else: staff roles; a monitoring key reads no customer
                        .anyRequest()
                        .hasAnyRole(STAFF_ROLES))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.everywhere())
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new DataScopeFilter(scopes, users), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(
            HttpSecurity http,
            AccountSessions sessions,
            ThrottledAuthentication throttledAuthentication,
            SignInSuccess signInSuccess,
            DataScopes scopes,
            UserAccounts users,
            ObjectProvider<SingleSignOnLogin> singleSignOn)
            throws Exception {
        // OpenID Connect sign-in, when configured (RETAIN_OIDC_ISSUER_URI)
        singleSignOn.ifAvailable(sso -> sso.applyTo(http));
        // The only way to sign in: no parent manager that would check a refused or failed attempt a second time
        return http.authenticationManager(new ProviderManager(throttledAuthentication))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                // The second step of a two-factor sign-in: it asks for the pending step in the session
                                SignInSuccess.SECOND_STEP,
                                "/webjars/**",
                                "/assets/**",
                                "/favicon.ico",
                                "/error",
                                "/api/docs",
                                "/api/swagger-ui/**",
                                "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(signInSuccess)
                        .failureHandler(new SignInFailureRedirect()))
                .addFilterBefore(new SessionCheck(sessions), AuthorizationFilter.class)
                .addFilterAfter(new DataScopeFilter(scopes, users), AuthorizationFilter.class)
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .headers(SecurityHeaders.everywhere())
                .build();
    }
}

package dev.retain.platform.security;

import dev.retain.platform.signin.SignInAudit;
import dev.retain.platform.sso.OidcClientRegistrations;
import dev.retain.platform.sso.OidcConfigured;
import dev.retain.platform.sso.RetainOidcUserService;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * The web door's second way in, present only with single sign-on configured: OpenID Connect's authorization code
 * flow, started by the sign-in page's button ({@code /oauth2/authorization/oidc}) and finished at
 * {@code /login/oauth2/code/oidc}. It ends like a password sign-in — the session is marked with the account's session
 * version and the attempt audited — and is checked by its own authentication manager, since the web door's manager
 * takes passwords only.
 */
@Component
@Conditional(OidcConfigured.class)
class SingleSignOnLogin {

    private final OidcClientRegistrations registrations;
    private final RetainOidcUserService users;
    private final SignInSuccess signInSuccess;
    private final SignInAudit audit;

    SingleSignOnLogin(
            OidcClientRegistrations registrations,
            RetainOidcUserService users,
            SignInSuccess signInSuccess,
            SignInAudit audit) {
        this.registrations = registrations;
        this.users = users;
        this.signInSuccess = signInSuccess;
        this.audit = audit;
    }

    void applyTo(HttpSecurity http) {
        var manager = new ProviderManager(new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), users));
        var failure = new SingleSignOnFailure(audit);
        http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(registrations)
                // the provider's tokens live and die with the session; Retain calls nothing with them
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .successHandler(new SingleSignOnSuccess(signInSuccess, audit))
                .failureHandler(failure)
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2LoginAuthenticationFilter>() {
                    @Override
                    public <O extends OAuth2LoginAuthenticationFilter> O postProcess(O filter) {
                        filter.setAuthenticationManager(manager);
                        return filter;
                    }
                })
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        // a provider that can't be reached is a message on the sign-in page, not an error page
                        filter.setAuthenticationFailureHandler(failure);
                        return filter;
                    }
                }));
    }
}

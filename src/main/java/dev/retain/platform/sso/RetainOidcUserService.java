package dev.retain.platform.sso;

import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * After the provider's tokens have been checked (and its user info read, when the scopes allow), finds the Retain
 * user behind them with {@link SingleSignOnAccounts}, or refuses the sign-in.
 */
@Component
@Conditional(OidcConfigured.class)
public class RetainOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final SingleSignOnAccounts accounts;
    private final OidcSettings settings;

    RetainOidcUserService(SingleSignOnAccounts accounts, OidcSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser providerUser = provider.loadUser(request);
        String issuer = providerUser.getIdToken().getIssuer().toString();
        var identity = OidcIdentity.from(issuer, providerUser.getClaims(), settings);
        return new SignedInOidcUser(providerUser, accounts.signIn(identity));
    }
}

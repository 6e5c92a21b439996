package dev.retain.platform.sso;

import dev.retain.platform.UserAccount;
import java.util.Objects;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The provider's user, signed in as a Retain user: named by the Retain username and holding its roles, so that the
 * session check, data scopes and audit see the same person as after a password sign-in.
 */
final class SignedInOidcUser extends DefaultOidcUser {

    private final String username;

    SignedInOidcUser(OidcUser providerUser, UserAccount account) {
        super(
                account.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList(),
                providerUser.getIdToken(),
                providerUser.getUserInfo(),
                "sub");
        this.username = account.username();
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInOidcUser user && user.username.equals(username) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, super.hashCode());
    }
}

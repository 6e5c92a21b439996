package dev.retain.platform.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.platform.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the single sign-on settings and the provider's claims, without a provider. */
class OidcSettingsTests {

    @Test
    void theRoleMappingGivesEveryRoleOfEveryMappedValue() {
        var mapping = RoleMapping.parse(" retain-admins=ADMIN, leads=manager,leads=SALES ,, /org/sales=SALES");

        assertThat(mapping.rolesFor(List.of("leads", "canteen"))).containsExactlyInAnyOrder(Role.MANAGER, Role.SALES);
        assertThat(mapping.rolesFor(List.of("/org/sales"))).containsExactly(Role.SALES);
        assertThat(mapping.rolesFor(List.of("Retain-Admins")))
                .as("values are compared exactly")
                .isEmpty();
    }

    @Test
    void aRoleMappingThatCantBeReadIsRefusedNamingThePairAndTheSetting() {
        assertThatThrownBy(() -> RoleMapping.parse("retain-admins=ADMIN,sales"))
                .hasMessageContaining("RETAIN_OIDC_ROLE_MAPPING")
                .hasMessageContaining("'sales'");
        assertThatThrownBy(() -> RoleMapping.parse("retain-admins=BOSS"))
                .hasMessageContaining("RETAIN_OIDC_ROLE_MAPPING")
                .hasMessageContaining("'BOSS' is not a role");
    }

    @Test
    void settingsThatCantWorkStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings("", "secret", "a=ADMIN", "openid"))
                .hasMessage("RETAIN_OIDC_CLIENT_ID must be set when RETAIN_OIDC_ISSUER_URI is");
        assertThatThrownBy(() -> settings("retain", "", "a=ADMIN", "openid"))
                .hasMessage("RETAIN_OIDC_CLIENT_SECRET must be set when RETAIN_OIDC_ISSUER_URI is");
        assertThatThrownBy(() -> settings("retain", "secret", "", "openid"))
                .hasMessageStartingWith("RETAIN_OIDC_ROLE_MAPPING must map at least one value of the groups claim");
        assertThatThrownBy(() -> settings("retain", "secret", "a=ADMIN", "profile email"))
                .hasMessageStartingWith("RETAIN_OIDC_SCOPES must include openid");
    }

    @Test
    void scopesMayBeSeparatedByCommasOrSpaces() {
        assertThat(settings("retain", "secret", "a=ADMIN", "openid, profile email")
                        .scopes())
                .containsExactly("openid", "profile", "email");
    }

    @Test
    void theGroupClaimIsFoundByItsNameOrByAPathIntoNestedClaims() {
        var keycloak = Map.<String, Object>of(
                "sub", "f3a1", "realm_access", Map.of("roles", List.of("retain-admins", "offline_access")));
        var namespaced = Map.<String, Object>of("sub", "f3a1", "https://retain.example.com/groups", "sales");

        assertThat(OidcIdentity.from("https://idp", keycloak, settings("realm_access.roles"))
                        .groups())
                .containsExactly("retain-admins", "offline_access");
        assertThat(OidcIdentity.from("https://idp", namespaced, settings("https://retain.example.com/groups"))
                        .groups())
                .as("a single value is a list of one")
                .containsExactly("sales");
        assertThat(OidcIdentity.from("https://idp", Map.of("sub", "f3a1"), settings("groups"))
                        .groups())
                .isEmpty();
    }

    @Test
    void theIdentityCarriesTheUsernameClaimAsSet() {
        var claims = Map.<String, Object>of("sub", "f3a1", "upn", "lin.wei@corp.example", "name", " Lin Wei ");
        var settings =
                new OidcSettings("https://idp", "retain", "secret", "", "openid", "upn", "roles", "a=ADMIN", true);

        var identity = OidcIdentity.from("https://idp", claims, settings);

        assertThat(identity.subject()).isEqualTo("f3a1");
        assertThat(identity.username()).isEqualTo("lin.wei@corp.example");
        assertThat(identity.displayName()).isEqualTo("Lin Wei");
        assertThat(identity.email()).isNull();
        assertThat(settings.displayName()).as("the button's default name").isEqualTo("SSO");
    }

    private static OidcSettings settings(String clientId, String secret, String mapping, String scopes) {
        return new OidcSettings(
                "https://idp", clientId, secret, "Company", scopes, "preferred_username", "groups", mapping, true);
    }

    private static OidcSettings settings(String rolesClaim) {
        return new OidcSettings(
                "https://idp",
                "retain",
                "secret",
                "Company",
                "openid",
                "preferred_username",
                rolesClaim,
                "a=ADMIN",
                true);
    }
}

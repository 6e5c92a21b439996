package dev.retain.platform.sso;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The identity provider Retain trusts for single sign-on, and how its claims become a Retain user: the claim naming
 * the user, the claim listing their groups and which groups give which roles. Checked on start, so that a setting that
 * can't work stops the server with a message naming it rather than refusing every sign-in later.
 */
@Component
@Conditional(OidcConfigured.class)
public class OidcSettings {

    /** The path of the sign-in button: Spring Security's authorization request for this registration. */
    public static final String REGISTRATION_ID = "oidc";

    public static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

    private final String issuerUri;
    private final String clientId;
    private final String clientSecret;
    private final String displayName;
    private final List<String> scopes;
    private final String usernameClaim;
    private final String rolesClaim;
    private final RoleMapping roleMapping;
    private final boolean createUsers;

    OidcSettings(
            @Value("${retain.security.oidc.issuer-uri}") String issuerUri,
            @Value("${retain.security.oidc.client-id:}") String clientId,
            @Value("${retain.security.oidc.client-secret:}") String clientSecret,
            @Value("${retain.security.oidc.display-name:SSO}") String displayName,
            @Value("${retain.security.oidc.scopes:openid,profile,email}") String scopes,
            @Value("${retain.security.oidc.username-claim:preferred_username}") String usernameClaim,
            @Value("${retain.security.oidc.roles-claim:groups}") String rolesClaim,
            @Value("${retain.security.oidc.role-mapping:}") String roleMapping,
            @Value("${retain.security.oidc.create-users:true}") boolean createUsers) {
        this.issuerUri = issuerUri.strip();
        this.clientId = required(clientId, "RETAIN_OIDC_CLIENT_ID");
        this.clientSecret = required(clientSecret, "RETAIN_OIDC_CLIENT_SECRET");
        this.displayName = displayName.isBlank() ? "SSO" : displayName.strip();
        this.scopes = Arrays.stream(scopes.split("[,\\s]+"))
                .filter(scope -> !scope.isBlank())
                .toList();
        if (!this.scopes.contains("openid")) {
            throw new IllegalArgumentException("RETAIN_OIDC_SCOPES must include openid: '" + scopes + "'");
        }
        this.usernameClaim = required(usernameClaim, "RETAIN_OIDC_USERNAME_CLAIM");
        this.rolesClaim = required(rolesClaim, "RETAIN_OIDC_ROLES_CLAIM");
        this.roleMapping = RoleMapping.parse(roleMapping);
        if (this.roleMapping.isEmpty()) {
            throw new IllegalArgumentException("RETAIN_OIDC_ROLE_MAPPING must map at least one value of the "
                    + this.rolesClaim + " claim to a role, e.g. retain-admins=ADMIN,sales=SALES");
        }
        this.createUsers = createUsers;
    }

    private static String required(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must be set when RETAIN_OIDC_ISSUER_URI is");
        }
        return value.strip();
    }

    public String issuerUri() {
        return issuerUri;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The provider's name on the sign-in button: "Sign in with …". */
    public String displayName() {
        return displayName;
    }

    public List<String> scopes() {
        return scopes;
    }

    public String usernameClaim() {
        return usernameClaim;
    }

    public String rolesClaim() {
        return rolesClaim;
    }

    public RoleMapping roleMapping() {
        return roleMapping;
    }

    /** Whether someone the provider vouches for, and who has a mapped role, gets a Retain user on first sign-in. */
    public boolean createUsers() {
        return createUsers;
    }
}

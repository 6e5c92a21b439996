package dev.retain.platform.sso;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * The one provider, read from its discovery document ({@code /.well-known/openid-configuration}) when someone first
 * signs in with it rather than on start, so that Retain starts while the provider is down; a failed read is tried
 * again at the next sign-in, a successful one kept.
 */
@Component
@Conditional(OidcConfigured.class)
public class OidcClientRegistrations implements ClientRegistrationRepository {

    private final OidcSettings settings;
    private final AtomicReference<ClientRegistration> discovered = new AtomicReference<>();

    OidcClientRegistrations(OidcSettings settings) {
        this.settings = settings;
    }

    /** Throws when the provider cannot be reached or its discovery document does not fit the issuer. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!OidcSettings.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration registration = discovered.get();
        if (registration == null) {
            registration = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                    .registrationId(OidcSettings.REGISTRATION_ID)
                    .clientName(settings.displayName())
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope(settings.scopes())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    // every token has a subject; the username claim is read (and may be missing) later
                    .userNameAttributeName("sub")
                    .build();
            discovered.set(registration);
        }
        return registration;
    }
}

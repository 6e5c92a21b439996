package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;

/** Without RETAIN_OIDC_ISSUER_URI, single sign-on is not there at all: no button, no beans, no OAuth2 routes. */
@IntegrationTest
class SingleSignOnOffTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void thereIsNoProviderNorAnythingThatWouldSignInWithOne() {
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(OAuth2UserService.class)).isEmpty();
        assertThat(context.getBeanNamesForType(dev.retain.platform.sso.OidcSettings.class))
                .isEmpty();
    }

    @Test
    void theSignInPageOffersThePasswordOnly() {
        var session = new WebSession(port);

        assertThat(session.get("/login").body())
                .doesNotContain("single-sign-on")
                .doesNotContain("oauth2");
        assertThat(session.get("/oauth2/authorization/oidc").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }
}

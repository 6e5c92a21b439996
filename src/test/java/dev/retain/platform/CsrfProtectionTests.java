package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.ApplicationRoutes.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every page route that changes something (every method but GET, outside the API, which takes keys and no cookies)
 * refuses an admin's signed-in browser that sends no CSRF token — a request another site made the browser send —
 * with 403 before any controller runs. The public routes have their own proof (a signed link).
 */
@IntegrationTest
class CsrfProtectionTests {

    @LocalServerPort
    int port;

    @Autowired
    Map<String, RequestMappingInfoHandlerMapping> mappings;

    @Autowired
    UserAccounts users;

    @Test
    void everyFormRouteRefusesARequestWithoutTheToken() {
        String username = "csrf-" + Long.toString(System.nanoTime(), 36);
        String password = "csrf test password 1";
        users.create(new UserAccounts.NewUser(username, username, null, password, Set.of(Role.ADMIN)));
        WebSession admin = new WebSession(port);
        assertThat(admin.signIn(username, password).statusCode()).isEqualTo(302);

        Set<String> publicRoutes = publicRoutes();
        List<Route> changes = ApplicationRoutes.of(mappings.values()).stream()
                .filter(route -> !route.method().equals("GET") && !route.isApi())
                .filter(route -> !route.pattern().startsWith("/actuator"))
                .filter(route -> !publicRoutes.contains(route.toString()))
                .toList();
        List<String> failures = new ArrayList<>();
        for (Route route : changes) {
            int status =
                    admin.sendWithoutToken(route.method(), route.samplePath()).statusCode();
            if (status != 403) {
                failures.add(route + " answered " + status);
            }
        }

        assertThat(changes).as("the form routes found").hasSizeGreaterThan(50);
        assertThat(failures)
                .as("form routes that took a request without a CSRF token")
                .isEmpty();
        assertThat(admin.get("/").statusCode())
                .as("still signed in: the refusals were for the token")
                .isEqualTo(200);
    }

    private static Set<String> publicRoutes() {
        try (InputStream in = CsrfProtectionTests.class.getResourceAsStream("/security/public-routes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

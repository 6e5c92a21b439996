package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.ApplicationRoutes.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route Spring MVC knows, called without signing in: the API and actuator answer 401, pages send the browser to
 * the sign-in page, and only the routes in {@code security/public-routes.txt} answer anything else.
 *
 * <p>Requests carry a valid CSRF token of an anonymous session, so a form post is refused for want of a sign-in and
 * not only for want of a token.
 */
@IntegrationTest
class RouteProtectionTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Map<String, RequestMappingInfoHandlerMapping> mappings;

    HttpClient http;
    String csrfToken;

    @BeforeEach
    void anonymousSession() {
        http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var matcher = CSRF.matcher(call("GET", "/login").body());
        assertThat(matcher.find()).as("the sign-in page carries a CSRF token").isTrue();
        csrfToken = matcher.group(1);
    }

    @Test
    void everyRouteButThePublicOnesNeedsASignIn() {
        Set<String> publicRoutes = publicRoutes();
        List<String> failures = new ArrayList<>();
        for (Route route : routes()) {
            HttpResponse<String> response = call(route.method(), route.samplePath());
            String answer = describe(response);
            boolean toSignIn =
                    response.statusCode() == 302 && location(response).endsWith("/login");
            if (publicRoutes.contains(route.toString())) {
                if (response.statusCode() == 401 || toSignIn) {
                    failures.add(route + " is listed as public but answered " + answer);
                }
            } else if (route.isApi() ? response.statusCode() != 401 : !toSignIn) {
                failures.add(route + " answered " + answer + " without a sign-in");
            }
        }
        assertThat(failures).as("routes open without a sign-in").isEmpty();
    }

    @Test
    void thePublicListNamesRoutesThatExist() {
        Set<String> known = routes().stream().map(Route::toString).collect(Collectors.toSet());

        assertThat(publicRoutes())
                .as("listed public routes that no longer exist")
                .isSubsetOf(known);
    }

    @Test
    void theRoutesAreFound() {
        assertThat(routes())
                .extracting(Route::toString)
                .contains("GET /customers", "GET /api/v1/customers", "POST /api/v1/customers", "GET /actuator/health");
    }

    private List<Route> routes() {
        return ApplicationRoutes.of(mappings.values());
    }

    private static Set<String> publicRoutes() {
        try (InputStream in = RouteProtectionTests.class.getResourceAsStream("/security/public-routes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> call(String method, String path) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-CSRF-TOKEN", csrfToken == null ? "" : csrfToken)
                .header("Accept", "text/html,application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String describe(HttpResponse<?> response) {
        return response.statusCode() + (location(response).isEmpty() ? "" : " → " + location(response));
    }
}

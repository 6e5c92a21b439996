package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.ApplicationRoutes.Route;
import dev.retain.platform.UserAccounts.NewUser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every page a signed-in admin opens (each GET route outside the API, found in Spring MVC's handler mappings) carries
 * a Content-Security-Policy whose scripts are files only, and every form on it that posts carries the CSRF token.
 */
@IntegrationTest
class PageSecurityHeadersTests {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern POST_FORM = Pattern.compile(
            "<form\\b[^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Map<String, RequestMappingInfoHandlerMapping> mappings;

    @Test
    void everyPageRunsOnlyScriptFilesAndItsFormsCarryTheCsrfToken() {
        var session = new WebSession(port);
        String admin = "headers-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(admin, "Headers Admin", null, PASSWORD, Set.of(Role.ADMIN)));
        session.signIn(admin, PASSWORD);
        List<String> failures = new ArrayList<>();
        int pages = 0;
        for (Route route : ApplicationRoutes.of(mappings.values())) {
            if (!route.method().equals("GET")
                    || route.isApi()
                    || route.pattern().equals("/logout")) {
                continue;
            }
            HttpResponse<String> response = session.get(route.samplePath());
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                continue;
            }
            pages++;
            checkPolicy(route, response, failures);
            checkForms(route, response.body(), failures);
        }
        assertThat(failures).isEmpty();
        assertThat(pages).as("HTML pages checked").isGreaterThan(25);
    }

    private static void checkPolicy(Route route, HttpResponse<String> response, List<String> failures) {
        Optional<String> policy = response.headers().firstValue("Content-Security-Policy");
        if (policy.isEmpty()) {
            failures.add(route + " has no Content-Security-Policy");
            return;
        }
        Optional<String> scripts = Arrays.stream(policy.get().split(";"))
                .map(String::strip)
                .filter(directive -> directive.startsWith("script-src "))
                .findFirst();
        if (scripts.isEmpty()
                || scripts.get().contains("'unsafe-inline'")
                || scripts.get().contains("'unsafe-eval'")) {
            failures.add(route + " lets inline script run: " + policy.get());
        }
    }

    private static void checkForms(Route route, String body, List<String> failures) {
        Matcher form = POST_FORM.matcher(body);
        while (form.find()) {
            if (!form.group(1).contains("name=\"_csrf\"")) {
                failures.add(route + " has a form without the CSRF token: "
                        + form.group().substring(0, Math.min(200, form.group().length())));
            }
        }
    }
}

package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.ApplicationRoutes.Route;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Who may call each of Retain's routes, as a checked-in table ({@code security/route-roles.txt}): every route of the
 * application's controllers (the public ones aside) must be in it with the roles its rule lets in, so a new route, or a
 * route whose rule changes, fails here until the table says so on purpose. Then every page and API read is called as
 * each role: it answers 403 exactly to the roles the table leaves out. "everyone" means every staff role: a key with
 * only {@link Role#MONITORING} is refused every route (it reads the metrics alone).
 */
@IntegrationTest
class RouteRolesTests {

    private static final Pattern ROLE = Pattern.compile("'([A-Z]+)'");
    private static final String PASSWORD = "route roles test password";

    @LocalServerPort
    int port;

    @Autowired
    Map<String, RequestMappingInfoHandlerMapping> mappings;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void everyRouteHasTheRolesTheTableGivesIt() {
        Map<String, String> inCode = rulesInCode();
        Map<String, String> inTable = table();
        List<String> differences = new ArrayList<>();
        inCode.forEach((route, roles) -> {
            if (!roles.equals(inTable.get(route))) {
                differences.add(route + " " + roles + "   (table: " + inTable.getOrDefault(route, "missing") + ")");
            }
        });
        inTable.keySet().stream()
                .filter(route -> !inCode.containsKey(route))
                .forEach(route -> differences.add(route + " is in the table but no longer exists"));

        assertThat(differences)
                .as("routes whose roles differ from security/route-roles.txt")
                .isEmpty();
    }

    @Test
    void eachRoleIsRefusedExactlyTheReadsTheTableLeavesOut() {
        Map<String, String> rules = rulesInCode();
        List<String> failures = new ArrayList<>();
        String token = Long.toString(System.nanoTime(), 36);
        for (Role role : Role.values()) {
            // People hold the staff roles; a monitoring role is held by API keys only, so it is tried on the API alone
            WebSession page = null;
            if (role.isStaff()) {
                String username = "routes-" + role.name().toLowerCase(java.util.Locale.ROOT) + "-" + token;
                users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(role)));
                page = new WebSession(port);
                page.signIn(username, PASSWORD);
            }
            WebSession signedIn = page;
            String apiToken = apiKeys.create("routes " + role, Set.of(role)).token();
            rules.forEach((route, roles) -> {
                if (!route.startsWith("GET ")) {
                    return;
                }
                Route read = new Route("GET", route.substring(4));
                if (!read.isApi() && signedIn == null) {
                    return;
                }
                int status = read.isApi()
                        ? apiGet(read.samplePath(), apiToken)
                        : signedIn.get(read.samplePath()).statusCode();
                boolean allowed = allows(roles, role);
                if ((status == 403) == allowed || status == 401) {
                    failures.add(route + " as " + role + " answered " + status + " (table: " + roles + ")");
                }
            });
        }
        assertThat(failures).as("reads answered against their rule").isEmpty();
    }

    /** Each route of Retain's controllers, not public, with the roles its {@code @PreAuthorize} lets in. */
    private Map<String, String> rulesInCode() {
        Set<String> publicRoutes = publicRoutes();
        Map<String, String> rules = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings.values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                if (!handler.getBeanType().getPackageName().startsWith("dev.retain")) {
                    return;
                }
                String roles = roles(rule(handler.getMethod(), handler.getBeanType()));
                for (String route : routes(info)) {
                    if (!publicRoutes.contains(route)) {
                        rules.put(route, roles);
                    }
                }
            });
        }
        return rules;
    }

    private static String rule(AnnotatedElement method, AnnotatedElement type) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(type, PreAuthorize.class);
        }
        return rule == null ? "isAuthenticated()" : rule.value();
    }

    /** {@code everyone} (signed in), or the roles named, in the order of {@link Role}. */
    private static String roles(String rule) {
        if (rule.equals("isAuthenticated()")) {
            return "everyone";
        }
        Set<Role> named = EnumSet.noneOf(Role.class);
        ROLE.matcher(rule).results().forEach(match -> named.add(Role.valueOf(match.group(1))));
        return named.isEmpty() ? rule : named.stream().map(Role::name).collect(Collectors.joining(" "));
    }

    /** "everyone" is every person signed in: the staff roles, not a monitoring system's key. */
    private static boolean allows(String roles, Role role) {
        return (roles.equals("everyone") && role.isStaff())
                || Arrays.asList(roles.split(" ")).contains(role.name());
    }

    private static List<String> routes(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> routes = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            if (methods.isEmpty()) {
                routes.add("GET " + pattern);
            }
            methods.forEach(method -> routes.add(method.name() + " " + pattern));
        }
        return routes;
    }

    private int apiGet(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        try {
            return HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> table() {
        return lines("/security/route-roles.txt").stream()
                .map(line -> line.split(" ", 3))
                .collect(Collectors.toMap(
                        parts -> parts[0] + " " + parts[1], parts -> parts[2], (a, b) -> a, TreeMap::new));
    }

    private static Set<String> publicRoutes() {
        return Set.copyOf(lines("/security/public-routes.txt"));
    }

    private static List<String> lines(String resource) {
        try (InputStream in = RouteRolesTests.class.getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerNotes;
import dev.retain.customers.Customers;
import dev.retain.notifications.NotificationRun;
import dev.retain.platform.ApplicationRoutes.Route;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.sales.FollowUpKind;
import dev.retain.sales.FollowUps;
import dev.retain.sales.Opportunities;
import dev.retain.tasks.Tasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The walk: every page and every API read the server knows, called as a salesperson — through the web session and
 * through an API key made for them — with a colleague's customer in the path and in the usual filters. No answer may
 * show that customer or its facts (name, phone, email, order number, note, task, follow-up, opportunity), and the customer's own
 * routes must answer 404. A route added later that reads past the data scope fails here.
 */
@IntegrationTest
class DataScopeLeakTests {

    private static final String PASSWORD = "data scope leak test password";
    private static final Pattern CUSTOMER_ROUTE = Pattern.compile("^(/api/v1)?/customers/\\{id}.*");

    @LocalServerPort
    int port;

    @Autowired
    Map<String, RequestMappingInfoHandlerMapping> mappings;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Customers customers;

    @Autowired
    CustomerNotes notes;

    @Autowired
    Tasks tasks;

    @Autowired
    FollowUps followUps;

    @Autowired
    Opportunities opportunities;

    @Autowired
    DataScopes scopes;

    @Autowired
    NotificationRun notificationRun;

    /** Routes that read a customer but are posted (a reveal writes its audit entry); the walk calls them too. */
    private static final List<String> READS_BY_POST =
            List.of("/api/v1/customers/{id}/reveal", "/customers/{id}/reveal");

    @Test
    void noRouteShowsASalespersonAColleaguesCustomer() {
        String token = Long.toString(System.nanoTime(), 36);
        long seller = user("seller-" + token);
        long colleague = user("colleague-" + token);
        Customer victim = customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "保密客户" + token,
                "+86139" + String.format("%08d", System.nanoTime() % 100_000_000),
                "secret-" + token + "@example.com",
                "F",
                null,
                "杭州",
                null,
                null,
                colleague,
                null,
                null,
                "leak",
                Map.of()));
        notes.add(victim.id(), "保密笔记" + token);
        tasks.create(victim.id(), colleague, "CALL", "保密任务" + token, null, Instant.now(), "leak-test", null);
        // a task of the colleague's customer left with the seller: its reminder is addressed to the seller
        tasks.create(
                victim.id(), seller, "CALL", "保密提醒" + token, null, Instant.now().minusSeconds(3600), "leak-test", null);
        notificationRun.run(NotificationSource.Cadence.FREQUENT);
        followUps.record(victim.id(), new FollowUps.NewFollowUp(FollowUpKind.PHONE, "保密跟进" + token, null, null, null));
        opportunities.create(
                victim.id(),
                null,
                new Opportunities.OpportunityDraft("保密商机" + token, null, null, colleague, List.of(), null));
        var order = ApiClient.withRoles(port, apiKeys, Role.ADMIN)
                .postNdjson(
                        "/api/v1/orders/bulk?source=leak",
                        "{\"order_id\":\"LEAK-%s\",\"email\":\"%s\",\"order_date\":\"2026-11-01\",\"amount\":88}"
                                .formatted(token, victim.email()));
        assertThat(order.status()).isEqualTo(200);
        List<String> secrets = List.of(
                victim.name(),
                victim.email(),
                victim.phone().substring(3),
                "LEAK-" + token,
                "保密笔记" + token,
                "保密任务" + token,
                "保密跟进" + token,
                "保密商机" + token,
                "保密提醒" + token);

        WebSession page = new WebSession(port);
        page.signIn("seller-" + token, PASSWORD);
        String apiToken =
                apiKeys.create("leak " + token, Set.of(Role.SALES), seller).token();
        String filters = "?customerId=%d&customer=%d&owner=%d&ownerId=%d&assignee=%d&assigneeId=%d"
                .formatted(victim.id(), victim.id(), colleague, colleague, colleague, colleague);

        List<String> withoutScope;
        try {
            scopes.set(Role.SALES, DataScope.ALL);
            withoutScope = walk(page, apiToken, victim.id(), filters, secrets);
        } finally {
            scopes.set(Role.SALES, DataScope.OWN);
        }
        List<String> leaks = walk(page, apiToken, victim.id(), filters, secrets);

        // the walk finds the customer where a salesperson who may see everyone finds it: list, page, API, facts
        assertThat(withoutScope)
                .contains(
                        "GET /customers showed " + victim.name(),
                        "GET /customers/{id} answered 200 for a colleague's customer",
                        "GET /api/v1/customers showed " + victim.name(),
                        "GET /api/v1/customers/{id}/notes showed 保密笔记" + token,
                        "GET /api/v1/customers/{id}/tasks showed 保密任务" + token,
                        "GET /api/v1/customers/{id}/follow-ups showed 保密跟进" + token,
                        "GET /api/v1/opportunities showed 保密商机" + token,
                        "GET /opportunities showed 保密商机" + token,
                        "GET /api/v1/notifications showed 保密提醒" + token,
                        "GET /notifications showed 保密提醒" + token,
                        "POST /api/v1/customers/{id}/reveal showed " + victim.email());
        assertThat(leaks)
                .as("routes that let a salesperson see a colleague's customer")
                .isEmpty();
    }

    /** Calls every GET route as the salesperson; returns what showed the customer. */
    private List<String> walk(WebSession page, String apiToken, long victim, String filters, List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        int called = 0;
        for (Route route : ApplicationRoutes.of(mappings.values())) {
            if (!route.method().equals("GET") || !route.pattern().startsWith("/")) {
                continue;
            }
            String path = route.pattern()
                    .replaceAll("\\{id}", Long.toString(victim))
                    .replaceAll("\\{[^}]*}", "1")
                    .replace("**", "1")
                    .replace("*", "1");
            HttpResponse<String> answer = route.isApi() ? apiGet(path + filters, apiToken) : page.get(path + filters);
            called++;
            String body = answer.body() == null ? "" : answer.body();
            secrets.stream().filter(body::contains).forEach(secret -> leaks.add(route + " showed " + secret));
            if (CUSTOMER_ROUTE.matcher(route.pattern()).matches() && answer.statusCode() / 100 == 2) {
                leaks.add(route + " answered " + answer.statusCode() + " for a colleague's customer");
            }
        }
        assertThat(called).isGreaterThan(100);
        // reads that are posted, for their audit entry
        for (String route : READS_BY_POST) {
            String path = route.replace("{id}", Long.toString(victim));
            HttpResponse<String> answer =
                    path.startsWith("/api/") ? apiPost(path, apiToken) : page.post(path, "/customers", Map.of());
            String body = answer.body() == null ? "" : answer.body();
            secrets.stream().filter(body::contains).forEach(secret -> leaks.add("POST " + route + " showed " + secret));
            if (answer.statusCode() / 100 == 2) {
                leaks.add("POST " + route + " answered " + answer.statusCode() + " for a colleague's customer");
            }
        }
        return leaks;
    }

    private long user(String username) {
        return users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(Role.SALES)))
                .id();
    }

    private HttpResponse<String> apiPost(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpResponse<String> apiGet(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

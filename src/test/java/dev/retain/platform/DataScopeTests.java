package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerNotes;
import dev.retain.customers.Customers;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Data scopes as people meet them: a salesperson sees their own customers and the pool, never a colleague's — not in
 * lists, not by id, not through its notes; a manager sees their teams'; a role's scope is a setting; a system key sees
 * everyone; only a manager of the people involved (or an admin) moves a customer to another owner, and the old owner's
 * open tasks follow.
 */
@IntegrationTest
class DataScopeTests {

    private static final String PASSWORD = "data scope test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Teams teams;

    @Autowired
    DataScopes scopes;

    @Autowired
    Customers customers;

    @Autowired
    CustomerNotes notes;

    @Autowired
    Tasks tasks;

    private final String token = Long.toString(System.nanoTime(), 36);

    @Test
    void aSalespersonSeesTheirOwnCustomersAndThePoolButNoColleagues() {
        long seller = user("seller", Role.SALES);
        long colleague = user("colleague", Role.SALES);
        Customer mine = customer("mine", seller);
        Customer theirs = customer("theirs", colleague);
        Customer pooled = customer("pooled", null);
        notes.add(theirs.id(), "secret plan " + token);
        ApiClient sellerApi = keyFor(seller, Role.SALES);

        assertThat(names(sellerApi.get("/api/v1/customers?q=" + token)))
                .containsExactlyInAnyOrder(mine.name(), pooled.name());
        assertThat(sellerApi.get("/api/v1/customers/" + theirs.id()).status()).isEqualTo(404);
        assertThat(sellerApi
                        .get("/api/v1/customers/" + theirs.id() + "/notes")
                        .body()
                        .toString())
                .doesNotContain(token);
        assertThat(sellerApi.get("/api/v1/customers/" + mine.id()).status()).isEqualTo(200);

        WebSession page = signedIn("seller");
        assertThat(page.get("/customers/" + theirs.id()).statusCode()).isEqualTo(404);
        assertThat(page.get("/customers?q=" + token).body())
                .contains(mine.name())
                .doesNotContain(theirs.name());
    }

    @Test
    void aManagerSeesTheirTeamsCustomersAndASystemKeySeesEveryone() {
        long manager = user("manager", Role.MANAGER);
        long inTeam = user("east", Role.SALES);
        long elsewhere = user("south", Role.SALES);
        Team team = teams.create("东区 " + token, null);
        Team subTeam = teams.create("东区一组 " + token, team.id());
        teams.setManagers(team.id(), List.of(manager));
        teams.placeUser(inTeam, subTeam.id());
        Customer ours = customer("ours", inTeam);
        Customer others = customer("others", elsewhere);

        assertThat(names(keyFor(manager, Role.MANAGER).get("/api/v1/customers?q=" + token)))
                .containsExactly(ours.name());
        assertThat(names(ApiClient.withRoles(port, apiKeys, Role.SALES).get("/api/v1/customers?q=" + token)))
                .containsExactlyInAnyOrder(ours.name(), others.name());
    }

    @Test
    void theScopeOfARoleIsASetting() {
        long seller = user("seller", Role.SALES);
        Customer theirs = customer("theirs", user("colleague", Role.SALES));
        ApiClient sellerApi = keyFor(seller, Role.SALES);
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        assertThat(admin.put("/api/v1/data-scopes/SALES", Map.of("scope", "EVERYTHING"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/data-scopes").body().get("SALES").asString())
                .isEqualTo("OWN");
        try {
            assertThat(admin.put("/api/v1/data-scopes/SALES", Map.of("scope", "ALL"))
                            .status())
                    .isEqualTo(200);
            assertThat(sellerApi.get("/api/v1/customers/" + theirs.id()).status())
                    .isEqualTo(200);
        } finally {
            scopes.set(Role.SALES, DataScope.OWN);
        }
        assertThat(sellerApi.get("/api/v1/customers/" + theirs.id()).status()).isEqualTo(404);
    }

    @Test
    void onlyAManagerOfThePeopleInvolvedMovesACustomerAndTheOpenTasksFollow() {
        long manager = user("manager", Role.MANAGER);
        long seller = user("seller", Role.SALES);
        long successor = user("successor", Role.SALES);
        Team team = teams.create("北区 " + token, null);
        teams.setManagers(team.id(), List.of(manager));
        teams.placeUser(seller, team.id());
        teams.placeUser(successor, team.id());
        Customer mine = customer("mine", seller);
        Task open = tasks.create(mine.id(), seller, "CALL", "回访 " + token, null, Instant.now(), "scope-test", null);

        var takeover = keyFor(seller, Role.SALES).put("/api/v1/customers/" + mine.id(), body(mine, successor));
        assertThat(takeover.status()).isEqualTo(403);
        assertThat(customers.find(mine.id()).ownerId()).isEqualTo(seller);

        var managerApi = keyFor(manager, Role.MANAGER);
        var noReason = managerApi.post(
                "/api/v1/customers/transfers",
                Map.of("customerIds", List.of(mine.id()), "toOwner", successor, "tasksFollow", true));
        assertThat(noReason.status()).isEqualTo(400);
        var outsider = managerApi.post(
                "/api/v1/customers/transfers",
                Map.of(
                        "customerIds",
                        List.of(mine.id()),
                        "toOwner",
                        user("outsider", Role.SALES),
                        "reason",
                        "离职交接",
                        "tasksFollow",
                        true));
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(customers.find(mine.id()).ownerId()).isEqualTo(seller);

        var handover = managerApi.post(
                "/api/v1/customers/transfers",
                Map.of("customerIds", List.of(mine.id()), "toOwner", successor, "reason", "离职交接", "tasksFollow", true));

        assertThat(handover.status()).isEqualTo(200);
        assertThat(customers.find(mine.id()).ownerId()).isEqualTo(successor);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(tasks.find(open.id()).assigneeId()).isEqualTo(successor));
    }

    @Test
    void aSalespersonsDashboardCountsTheirOwnBuyers() {
        long seller = user("seller", Role.SALES);
        Customer mine = customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "buyer " + token,
                null,
                "buyer-" + token + "@example.com",
                null,
                null,
                null,
                null,
                null,
                seller,
                null,
                null,
                "test",
                Map.of()));
        Customer theirs = customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "other buyer " + token,
                null,
                "other-" + token + "@example.com",
                null,
                null,
                null,
                null,
                null,
                user("colleague", Role.SALES),
                null,
                null,
                "test",
                Map.of()));
        var system = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        String yesterday = java.time.LocalDate.now().minusDays(1).toString();
        String order = "{\"order_id\":\"%s\",\"email\":\"%s\",\"order_date\":\"%s\",\"amount\":120}";
        var orders = system.postNdjson(
                "/api/v1/orders/bulk?source=scope",
                order.formatted("S-" + token, mine.email(), yesterday) + "\n"
                        + order.formatted("O-" + token, theirs.email(), yesterday));
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.body().toString()).doesNotContain("REJECTED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(activeCustomers(keyFor(seller, Role.SALES))).isEqualTo(1);
            assertThat(activeCustomers(system)).isGreaterThan(1);
        });
    }

    private static long activeCustomers(ApiClient client) {
        var report = client.get("/api/v1/analytics/kpis?days=30");
        assertThat(report.status()).isEqualTo(200);
        for (var row : report.body().get("rows")) {
            if (row.get("kpi").asString().equals("ACTIVE_CUSTOMERS")) {
                return row.get("current").asLong();
            }
        }
        throw new AssertionError("no ACTIVE_CUSTOMERS in " + report.body());
    }

    @Test
    void aKeyForAUserHasNoRoleTheUserLacks() {
        long seller = user("seller", Role.SALES);

        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        var tooMuch = admin.post(
                "/api/v1/api-keys", Map.of("name", "too much " + token, "roles", List.of("ADMIN"), "userId", seller));

        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().toString()).contains("roles");
    }

    private static List<String> names(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(200);
        var names = new ArrayList<String>();
        response.body().get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static Map<String, Object> body(Customer customer, long ownerId) {
        return Map.of("kind", customer.kind().name(), "name", customer.name(), "ownerId", ownerId);
    }

    private long user(String name, Role role) {
        return users.create(new UserAccounts.NewUser(name + "-" + token, name, null, PASSWORD, Set.of(role)))
                .id();
    }

    private ApiClient keyFor(long userId, Role role) {
        return ApiClient.withToken(
                port, apiKeys.create("scope " + token, Set.of(role), userId).token());
    }

    private WebSession signedIn(String name) {
        WebSession session = new WebSession(port);
        session.signIn(name + "-" + token, PASSWORD);
        return session;
    }

    private Customer customer(String name, Long ownerId) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name + " " + token,
                null,
                null,
                null,
                null,
                "杭州",
                null,
                null,
                ownerId,
                null,
                null,
                "test",
                Map.of()));
    }
}

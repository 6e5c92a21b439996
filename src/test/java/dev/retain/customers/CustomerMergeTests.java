package dev.retain.customers;

import static dev.retain.customers.CustomerRequests.aPerson;
import static dev.retain.customers.CustomerRequests.e164;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class CustomerMergeTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Customers customers;

    @Test
    void aMergeMovesEverythingToTheSurvivorAndAnUnmergeRestoresBothCustomers() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        var first = aPerson("周杰");
        long survivor =
                manager.post("/api/v1/customers", first).body().get("id").asLong();
        var second = aPerson("周杰 Jay");
        String email = "jay." + System.nanoTime() + "@example.com";
        second.put("email", email);
        long merged = manager.post("/api/v1/customers", second).body().get("id").asLong();
        String mergedPhone = e164((String) second.get("phone"));
        String order = "M-" + System.nanoTime();
        manager.postNdjson(
                "/api/v1/orders/bulk?source=shop",
                "{\"order_id\":\"%s\",\"phone\":\"%s\",\"order_date\":\"2026-05-01\",\"amount\":\"99\"}"
                        .formatted(order, mergedPhone));
        manager.postNdjson(
                "/api/v1/events/bulk?source=app",
                "{\"email\":\"%s\",\"event_type\":\"login\",\"occurred_at\":\"2026-05-02T08:00:00Z\"}"
                        .formatted(email));
        assertThat(ownerOfOrder(order)).isEqualTo(merged);

        var merge = manager.post("/api/v1/customers/" + survivor + "/merge", Map.of("mergedId", merged));

        assertThat(merge.status()).isEqualTo(201);
        long mergeId = merge.body().get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> ownerOfOrder(order) == survivor);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(survivor) == 1);
        assertThat(ownerOf("phone", mergedPhone)).isEqualTo(survivor);
        assertThat(ownerOf("email", email)).isEqualTo(survivor);
        assertThat(manager.get("/api/v1/customers/" + survivor)
                        .body()
                        .get("customer")
                        .get("email")
                        .asString())
                .isEqualTo(email);
        assertThat(manager.get("/api/v1/customers/" + merged)
                        .body()
                        .get("customer")
                        .get("mergedInto")
                        .asLong())
                .isEqualTo(survivor);
        assertThat(manager.get("/api/v1/customers?q=" + email)
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);

        var undo = manager.post("/api/v1/merges/" + mergeId + "/undo", Map.of());

        assertThat(undo.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> ownerOfOrder(order) == merged);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(merged) == 1);
        assertThat(eventsOf(survivor)).isZero();
        assertThat(ownerOf("phone", mergedPhone)).isEqualTo(merged);
        assertThat(ownerOf("email", email)).isEqualTo(merged);
        assertThat(ownerOf("phone", e164((String) first.get("phone")))).isEqualTo(survivor);
        assertThat(manager.get("/api/v1/customers/" + survivor)
                        .body()
                        .get("customer")
                        .has("email"))
                .isFalse();
        assertThat(manager.get("/api/v1/customers/" + merged)
                        .body()
                        .get("customer")
                        .has("mergedInto"))
                .isFalse();
        assertThat(manager.post("/api/v1/merges/" + mergeId + "/undo", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void aCustomerCannotBeMergedIntoItselfNorTwice() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        long a =
                manager.post("/api/v1/customers", aPerson("甲")).body().get("id").asLong();
        long b =
                manager.post("/api/v1/customers", aPerson("乙")).body().get("id").asLong();
        long c =
                manager.post("/api/v1/customers", aPerson("丙")).body().get("id").asLong();

        assertThat(manager.post("/api/v1/customers/" + a + "/merge", Map.of("mergedId", a))
                        .status())
                .isEqualTo(400);
        assertThat(manager.post("/api/v1/customers/" + a + "/merge", Map.of("mergedId", b))
                        .status())
                .isEqualTo(201);
        assertThat(manager.post("/api/v1/customers/" + c + "/merge", Map.of("mergedId", b))
                        .status())
                .isEqualTo(409);
        assertThat(ApiClient.withRoles(port, apiKeys, Role.SALES)
                        .post("/api/v1/customers/" + a + "/merge", Map.of("mergedId", c))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aNewCustomerWithTheNameAndCityOfAnotherGoesToTheReviewQueue() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        String name = "吴" + Long.toString(System.nanoTime(), 36);
        manager.put("/api/v1/customers/by-external-id/shop/" + name, Map.of("name", name, "city", "成都"));

        manager.put("/api/v1/customers/by-external-id/erp/" + name, Map.of("name", name, "city", "成都"));

        var queue = manager.get("/api/v1/duplicates?limit=500").body();
        var found = new ArrayList<Long>();
        queue.forEach(candidate -> {
            if (candidate.get("customer").get("name").asString().equals(name)) {
                found.add(candidate.get("id").asLong());
            }
        });
        assertThat(found).hasSize(1);
        assertThat(manager.post("/api/v1/duplicates/" + found.get(0) + "/dismiss", Map.of())
                        .status())
                .isEqualTo(204);
    }

    private long ownerOfOrder(String externalId) {
        return jdbc.sql("select customer_id from orders where external_id = ?")
                .param(externalId)
                .query(Long.class)
                .single();
    }

    private long eventsOf(long customerId) {
        return jdbc.sql("select count(*) from events where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
    }

    private long ownerOf(String kind, String value) {
        return customers.idOf(new Identity(kind, value)).orElseThrow();
    }
}

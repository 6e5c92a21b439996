package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customers;
import dev.retain.customers.Placements;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The pools through the API as their users meet them: a salesperson sees into the pools they are a member of and no
 * other, with the pool's hidden fields left out; claiming tells who was quicker; a pool admin assigns, a member does
 * not; managers lock; bad input is answered with what was wrong, and nothing changes.
 */
@PoolTest
class PoolApiTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Pools pools;

    @Autowired
    Customers customers;

    @Autowired
    Placements placements;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PoolClaims claims;

    PoolFixtures fixtures;
    ApiClient admin;

    @BeforeEach
    void people() {
        fixtures = new PoolFixtures(users, pools, customers);
        admin = keyFor(fixtures.user("admin", Role.ADMIN), Role.ADMIN);
    }

    @Test
    void aSalespersonSeesIntoTheirPoolsOnlyAndClaimsWithAClearAnswer() {
        long east = fixtures.user("east", Role.SALES);
        long eastToo = fixtures.user("east-too", Role.SALES);
        long west = fixtures.user("west", Role.SALES);
        long eastPool = createPool("East", List.of(member(east, false), member(eastToo, false)), List.of("PHONE"));
        long westPool = createPool("West", List.of(member(west, false)), List.of());
        long inEast = waitingIn(eastPool, "east customer");
        long inWest = waitingIn(westPool, "west customer");
        ApiClient eastApi = keyFor(east, Role.SALES);
        ApiClient eastTooApi = keyFor(eastToo, Role.SALES);
        ApiClient westApi = keyFor(west, Role.SALES);

        assertThat(names(eastApi.get("/api/v1/pools")))
                .contains("East " + fixtures.token)
                .doesNotContain("West " + fixtures.token);
        assertThat(eastApi.get("/api/v1/pools/" + westPool + "/customers").status())
                .isEqualTo(404);
        var waiting = eastApi.get("/api/v1/pools/" + eastPool + "/customers");
        assertThat(waiting.status()).isEqualTo(200);
        JsonNode listed = waiting.body().get("items").get(0);
        assertThat(listed.get("id").asLong()).isEqualTo(inEast);
        assertThat(listed.hasNonNull("phone")).isFalse();
        assertThat(listed.get("hidden").toString()).contains("PHONE");
        var waitingProfile = eastApi.get("/api/v1/customers/" + inEast);
        assertThat(waitingProfile.status()).isEqualTo(200);
        assertThat(waitingProfile.body().hasNonNull("phone"))
                .as("hidden until claimed")
                .isFalse();
        assertThat(eastApi.get("/api/v1/customers?q=east%20customer%20" + fixtures.token)
                        .body()
                        .get("items")
                        .get(0)
                        .hasNonNull("phone"))
                .isFalse();
        assertThat(admin.get("/api/v1/customers/" + inEast)
                        .body()
                        .get("customer")
                        .hasNonNull("phone"))
                .isTrue();
        assertThat(eastApi.put("/api/v1/customers/" + inEast, Map.of("kind", "PERSON", "name", "renamed"))
                        .status())
                .as("claim first")
                .isEqualTo(403);
        assertThat(eastApi.get("/api/v1/customers/" + inWest).status()).isEqualTo(404);
        assertThat(eastApi.post("/api/v1/pools/claims", Map.of("customerId", inWest))
                        .status())
                .isEqualTo(404);

        assertThat(eastApi.post("/api/v1/pools/claims", Map.of("customerId", inEast))
                        .status())
                .isEqualTo(201);
        var late = eastTooApi.post("/api/v1/pools/claims", Map.of("customerId", inEast));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.body().get("detail").asString()).contains("has an owner");
        assertThat(westApi.post("/api/v1/pools/claims", Map.of("customerId", inEast))
                        .status())
                .isEqualTo(404);
        assertThat(placements.of(inEast).ownerId()).isEqualTo(east);
        assertThat(eastApi.get("/api/v1/customers/" + inEast)
                        .body()
                        .get("customer")
                        .hasNonNull("phone"))
                .as("shown once claimed")
                .isTrue();
        assertThat(eastTooApi.get("/api/v1/customers/" + inEast).status()).isEqualTo(404);

        var timeline = eastApi.get("/api/v1/customers/" + inEast + "/timeline");
        assertThat(timeline.body().toString()).contains("Claimed from East " + fixtures.token + " by east");
    }

    @Test
    void aPoolAdminAssignsAMemberDoesNotAndManagersLock() {
        long lead = fixtures.user("lead", Role.SALES);
        long member = fixtures.user("member", Role.SALES);
        long manager = fixtures.user("manager", Role.MANAGER);
        long pool = createPool("Assign", List.of(member(lead, true), member(member, false)), List.of());
        long first = waitingIn(pool, "first");
        long second = waitingIn(pool, "second");

        var refused = keyFor(member, Role.SALES)
                .post(
                        "/api/v1/pools/assignments",
                        Map.of("customerIds", List.of(first), "ownerId", member, "reason", "mine"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(placements.of(first).waiting()).isTrue();
        var assigned = keyFor(lead, Role.SALES)
                .post(
                        "/api/v1/pools/assignments",
                        Map.of("customerIds", List.of(first), "ownerId", member, "reason", "your region"));
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(placements.of(first).ownerId()).isEqualTo(member);

        var managerApi = keyFor(manager, Role.MANAGER);
        var memberApi = keyFor(member, Role.SALES);
        assertThat(memberApi
                        .put("/api/v1/customers/" + first + "/pool-lock", Map.of("reason", "mine"))
                        .status())
                .isEqualTo(403);
        assertThat(admin.put("/api/v1/customers/" + first + "/pool-lock", Map.of("reason", ""))
                        .status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/customers/" + first + "/pool-lock", Map.of("reason", "key account"))
                        .status())
                .isEqualTo(204);
        assertThat(memberApi.get("/api/v1/customers/" + first + "/timeline").status())
                .isEqualTo(200);
        assertThat(managerApi
                        .delete("/api/v1/customers/" + second + "/pool-lock")
                        .status())
                .as("a pool the manager is no member of")
                .isEqualTo(404);
        assertThat(admin.delete("/api/v1/customers/" + first + "/pool-lock").status())
                .isEqualTo(204);
        assertThat(claims.lockOf(first)).isEmpty();
    }

    @Test
    void badInputIsAnsweredWithWhatWasWrongAndChangesNothing() {
        long seller = fixtures.user("seller", Role.SALES);
        int poolsBefore = admin.get("/api/v1/pools").body().size();

        var negative = admin.post("/api/v1/pools", settings("Bad " + fixtures.token, -3, 99_999L, List.of()));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().toString()).contains("followUpDays").contains("calendarId");
        var unknownField = new HashMap<>(settings("Bad " + fixtures.token, 10, null, List.of()));
        unknownField.put("hiddenFields", List.of("SALARY"));
        assertThat(admin.post("/api/v1/pools", unknownField).status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/pools").body().size()).isEqualTo(poolsBefore);

        long pool = createPool("Named", List.of(), List.of());
        assertThat(admin.post("/api/v1/pools", settings("Named " + fixtures.token, 10, null, List.of()))
                        .status())
                .isEqualTo(409);
        assertThat(admin.get("/api/v1/pools/999999").status()).isEqualTo(404);
        long defaultPool = pools.list().stream()
                .filter(Pool::isDefault)
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(admin.delete("/api/v1/pools/" + defaultPool).status()).isEqualTo(409);

        long mine = fixtures.customer("mine", seller).id();
        ApiClient sellerApi = keyFor(seller, Role.SALES);
        assertThat(sellerApi.post("/api/v1/pools/claims", Map.of()).status()).isEqualTo(400);
        var noReason = sellerApi.post("/api/v1/pools/releases", Map.of("customerIds", List.of(mine)));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().toString()).contains("reason");
        assertThat(sellerApi
                        .post(
                                "/api/v1/pools/releases",
                                Map.of("customerIds", List.of(mine), "poolId", 999_999, "reason", "gone"))
                        .status())
                .isEqualTo(404);
        assertThat(sellerApi
                        .post("/api/v1/pools/claims", Map.of("customerId", mine))
                        .status())
                .isEqualTo(409);
        assertThat(placements.of(mine).ownerId()).isEqualTo(seller);

        var released = sellerApi.post(
                "/api/v1/pools/releases", Map.of("customerIds", List.of(mine), "poolId", pool, "reason", "moved away"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(placements.of(mine).waiting()).isTrue();
        assertThat(placements.of(mine).poolId()).isEqualTo(pool);
        assertThat(admin.delete("/api/v1/pools/" + pool).status()).isEqualTo(409);
    }

    private long createPool(String name, List<Map<String, Object>> members, List<String> hidden) {
        var body = new HashMap<>(settings(name + " " + fixtures.token, 30, null, members));
        body.put("hiddenFields", hidden);
        var created = admin.post("/api/v1/pools", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private static Map<String, Object> settings(
            String name, int followUpDays, Long calendarId, List<Map<String, Object>> members) {
        var settings = new HashMap<String, Object>();
        settings.put("name", name);
        settings.put("followUpDays", followUpDays);
        settings.put("calendarId", calendarId);
        settings.put("remindDays", 3);
        settings.put("reclaimCooldownDays", 0);
        settings.put("claimDelayHours", 0);
        settings.put("members", members);
        return settings;
    }

    private static Map<String, Object> member(long userId, boolean admin) {
        return Map.of("userId", userId, "admin", admin);
    }

    /** A new customer, moved by an admin into the pool to wait there. */
    private long waitingIn(long pool, String name) {
        long id = fixtures.customer(name, null).id();
        var moved = admin.post(
                "/api/v1/pools/releases", Map.of("customerIds", List.of(id), "poolId", pool, "reason", "test"));
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        return id;
    }

    private ApiClient keyFor(long userId, Role role) {
        return ApiClient.withToken(
                port,
                apiKeys.create("pool " + fixtures.token, Set.of(role), userId).token());
    }

    private static List<String> names(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(200);
        var names = new ArrayList<String>();
        response.body().forEach(pool -> names.add(pool.get("name").asString()));
        return names;
    }
}

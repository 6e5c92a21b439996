package dev.retain.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.CustomFields;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.tasks.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The notifications API as two salespeople meet it: each lists only their own, marks their own read one by one or
 * all at once, and finds a colleague's notification not there at all.
 */
@NotificationTest
class NotificationApiTests {

    @LocalServerPort
    int port;

    @Autowired
    NotificationRun run;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    CustomFields fields;

    @Autowired
    Tasks tasks;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MovableClock clock;

    NotificationFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(NotificationRunTests.MORNING);
        fixtures = new NotificationFixtures(users, customers, fields);
    }

    @AfterEach
    void realTime() {
        clock.set(null);
    }

    @Test
    void eachSeesAndMarksOnlyTheirOwn() {
        long alice = fixtures.salesperson("alice");
        long bob = fixtures.salesperson("bob");
        overdueTask(alice, "alice's first");
        overdueTask(alice, "alice's second");
        overdueTask(bob, "bob's");
        clock.advance(Duration.ofHours(2));
        run.run(Cadence.FREQUENT);
        ApiClient aliceApi = keyFor(alice);
        ApiClient bobApi = keyFor(bob);

        var alicesList = aliceApi.get("/api/v1/notifications?unread=true");
        assertThat(alicesList.status()).isEqualTo(200);
        assertThat(details(alicesList)).containsExactlyInAnyOrder("alice's first", "alice's second");
        assertThat(alicesList.body().get("total").asLong()).isEqualTo(2);
        long bobsNotification = bobApi.get("/api/v1/notifications")
                .body()
                .get("items")
                .get(0)
                .get("id")
                .asLong();

        assertThat(aliceApi.post("/api/v1/notifications/" + bobsNotification + "/read", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(bobApi.get("/api/v1/notifications?unread=true")
                        .body()
                        .get("total")
                        .asLong())
                .as("bob's stays unread")
                .isEqualTo(1);

        long first = alicesList.body().get("items").get(0).get("id").asLong();
        assertThat(aliceApi.post("/api/v1/notifications/" + first + "/read", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(aliceApi.get("/api/v1/notifications?unread=true")
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(aliceApi.get("/api/v1/notifications").body().get("total").asLong())
                .as("read ones are still listed without the filter")
                .isEqualTo(2);

        var marked = aliceApi.post("/api/v1/notifications/read-all", Map.of());
        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.body().get("marked").asInt()).isEqualTo(1);
        assertThat(aliceApi.get("/api/v1/notifications?unread=true")
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(bobApi.get("/api/v1/notifications?unread=true")
                        .body()
                        .get("total")
                        .asLong())
                .as("alice's read-all leaves bob's alone")
                .isEqualTo(1);
    }

    @Test
    void aKeyWithoutAUserHasNoNotifications() {
        ApiClient system = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        var listed = system.get("/api/v1/notifications");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("total").asLong()).isZero();
        assertThat(system.post("/api/v1/notifications/1/read", Map.of()).status())
                .isEqualTo(404);
    }

    private void overdueTask(long assignee, String title) {
        long customer = fixtures.customer("customer of " + title, assignee);
        tasks.create(
                customer,
                assignee,
                "CALL",
                title,
                null,
                NotificationRunTests.MORNING.plus(Duration.ofHours(1)),
                "test",
                null);
    }

    private ApiClient keyFor(long userId) {
        return ApiClient.withToken(
                port,
                apiKeys.create("notifications " + fixtures.token, Set.of(Role.SALES), userId)
                        .token());
    }

    private static List<String> details(ApiClient.Response response) {
        List<String> details = new ArrayList<>();
        for (JsonNode item : response.body().get("items")) {
            details.add(item.get("detail").asString());
        }
        return details;
    }
}

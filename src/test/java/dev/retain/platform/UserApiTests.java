package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class UserApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void anAdminCreatesListsAndDisablesUsers() {
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        String username = "lina-" + Long.toHexString(System.nanoTime());

        var created = admin.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        username,
                        "displayName",
                        "李娜",
                        "password",
                        "a long password",
                        "roles",
                        List.of("SALES")));
        long id = created.body().get("id").asLong();
        var disabled = admin.patch("/api/v1/users/" + id, Map.of("enabled", false));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("passwordHash")).isFalse();
        assertThat(admin.get("/api/v1/users").body().toString()).contains(username);
        assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
        assertThat(admin.get("/api/v1/audit?entityType=user&entityId=" + id)
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aTakenUsernameIsAConflictAndAShortPasswordIsInvalid() {
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        String username = "dup-" + Long.toHexString(System.nanoTime());
        var user = Map.of(
                "username", username, "displayName", "Dup", "password", "a long password", "roles", List.of("SALES"));
        admin.post("/api/v1/users", user);

        assertThat(admin.post("/api/v1/users", user).status()).isEqualTo(409);
        var shortPassword = admin.post(
                "/api/v1/users",
                Map.of("username", username + "x", "displayName", "X", "password", "short", "roles", List.of("SALES")));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body().get("errors").get(0).get("field").asString())
                .isEqualTo("password");
    }

    @Test
    void aSalesUserCannotManageUsers() {
        ApiClient sales = ApiClient.withRoles(port, apiKeys, Role.SALES);

        var list = sales.get("/api/v1/users");
        var create = sales.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        "intruder",
                        "displayName",
                        "X",
                        "password",
                        "a long password",
                        "roles",
                        List.of("ADMIN")));

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(create.status()).isEqualTo(403);
    }

    @Test
    void healthIsOpenAndMetricsNeedAKey() {
        assertThat(ApiClient.withToken(port, null).get("/actuator/health").status())
                .isEqualTo(200);
        assertThat(ApiClient.withToken(port, null).get("/actuator/prometheus").status())
                .isEqualTo(401);
        var metrics = ApiClient.withRoles(port, apiKeys, Role.MONITORING).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
    }
}

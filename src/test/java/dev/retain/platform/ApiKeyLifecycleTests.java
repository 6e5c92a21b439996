package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys that expire and are rotated, and the metrics that only a monitoring key reads. */
@IntegrationTest
class ApiKeyLifecycleTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Autowired
    CompanyZone zone;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aKeyWorksThroughItsExpiryDayAndIsThenRefusedSayingSo() {
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        LocalDate today = zone.today(clock);

        var created = admin.post(
                "/api/v1/api-keys", Map.of("name", "nightly export", "roles", List.of("ANALYST"), "expiresOn", today));
        var past = admin.post(
                "/api/v1/api-keys",
                Map.of("name", "too late", "roles", List.of("ANALYST"), "expiresOn", today.minusDays(1)));
        long id = created.body().get("key").get("id").asLong();
        var key = ApiClient.withToken(port, created.body().get("token").asString());
        int before = key.get("/api/v1/customers").status();
        theDayIsOver(id);
        var after = key.get("/api/v1/customers");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("key").get("expiresAt").asString())
                .isEqualTo(
                        today.plusDays(1).atStartOfDay(zone.zone()).toInstant().toString());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().get("errors").get(0).get("field").asString()).isEqualTo("expiresOn");
        assertThat(before).isEqualTo(200);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
        assertThat(after.body().get("detail").asString()).contains("expired");
        assertThat(admin.post("/api/v1/api-keys/" + id + "/rotation", Map.of()).status())
                .as("an expired key is not rotated")
                .isEqualTo(409);
    }

    @Test
    void aRotatedKeyHasANewTokenAndTheOldOneWorksForTheOverlapOnly() {
        long userId = users.create(new NewUser(
                        "rotated-" + Long.toHexString(System.nanoTime()),
                        "Rotated",
                        null,
                        "rotation test password",
                        Set.of(Role.SALES)))
                .id();
        var created = apiKeys.create("shop sync", Set.of(Role.SALES), userId);
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        long id = created.key().id();

        var rotated = admin.post("/api/v1/api-keys/" + id + "/rotation", Map.of());
        var oldToken = ApiClient.withToken(port, created.token());
        var newToken = ApiClient.withToken(port, rotated.body().get("token").asString());
        int oldDuringOverlap = oldToken.get("/api/v1/customers").status();
        theOverlapIsOver(id);
        var oldAfterOverlap = oldToken.get("/api/v1/customers");

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("token").asString()).startsWith("rtn_").isNotEqualTo(created.token());
        assertThat(rotated.body().get("key").get("name").asString()).isEqualTo("shop sync");
        assertThat(rotated.body().get("key").get("userId").asLong()).isEqualTo(userId);
        assertThat(rotated.body().get("key").get("roles").get(0).asString()).isEqualTo("SALES");
        assertThat(rotated.body().get("key").get("previousTokenUntil").asString())
                .isNotBlank();
        assertThat(newToken.get("/api/v1/customers").status()).isEqualTo(200);
        assertThat(oldDuringOverlap).isEqualTo(200);
        assertThat(oldAfterOverlap.status()).isEqualTo(401);
        assertThat(oldAfterOverlap.body().get("detail").asString()).contains("rotated");
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'api_key' and entity_id = ? "
                                + "and action = 'rotate'")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRotationWithoutOverlapEndsTheOldTokenAtOnceAndTheTokenBeforeItToo() {
        var created = apiKeys.create("erp", Set.of(Role.ANALYST));
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        long id = created.key().id();

        var first = admin.post("/api/v1/api-keys/" + id + "/rotation", Map.of("overlapHours", 24));
        var second = admin.post("/api/v1/api-keys/" + id + "/rotation", Map.of("overlapHours", 0));
        var tooLong = admin.post("/api/v1/api-keys/" + id + "/rotation", Map.of("overlapHours", 10_000));

        assertThat(ApiClient.withToken(port, created.token())
                        .get("/api/v1/customers")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.withToken(port, first.body().get("token").asString())
                        .get("/api/v1/customers")
                        .status())
                .isEqualTo(401);
        assertThat(ApiClient.withToken(port, second.body().get("token").asString())
                        .get("/api/v1/customers")
                        .status())
                .isEqualTo(200);
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void theKeysPageShowsExpiryAndRotatesWithTheNewTokenShownOnce() {
        String admin = "keys-admin-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(admin, "Keys admin", null, "key page test password", Set.of(Role.ADMIN)));
        var session = new WebSession(port);
        session.signIn(admin, "key page test password");
        String expiry = zone.today(clock).plusDays(30).toString();

        var create = session.post(
                "/admin/api-keys",
                "/admin/api-keys",
                Map.of("name", "page key", "roles", "MONITORING", "expiresOn", expiry));
        String created = session.get("/admin/api-keys").body();
        long id = apiKeys.list().stream()
                .filter(key -> key.name().equals("page key"))
                .findFirst()
                .orElseThrow()
                .id();
        var rotate = session.post("/admin/api-keys/" + id + "/rotate", "/admin/api-keys", Map.of("atOnce", "true"));
        String rotated = session.get("/admin/api-keys").body();

        assertThat(create.statusCode()).isEqualTo(302);
        assertThat(created)
                .contains("id=\"created-token\"")
                .contains("Monitoring")
                .contains(expiryShown(expiry));
        assertThat(rotate.statusCode()).isEqualTo(302);
        assertThat(rotated).contains("has a new token").contains("The old token no longer works");
        assertThat(session.get("/admin/api-keys").body()).doesNotContain("id=\"created-token\"");
    }

    @Test
    void theMetricsAreForMonitoringKeysAndMonitoringKeysReadNothingElse() {
        var monitoring = ApiClient.withRoles(port, apiKeys, Role.MONITORING);
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);

        var metrics = monitoring.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(ApiClient.withToken(port, null).get("/actuator/prometheus").status())
                .isEqualTo(401);
        assertThat(monitoring.get("/api/v1/customers").status()).isEqualTo(403);
        assertThat(monitoring.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(monitoring.get("/actuator/health").status()).isEqualTo(200);
        assertThat(admin.post(
                                "/api/v1/users",
                                Map.of(
                                        "username",
                                        "prometheus-" + Long.toHexString(System.nanoTime()),
                                        "displayName",
                                        "Prometheus",
                                        "password",
                                        "monitoring user password",
                                        "roles",
                                        List.of("MONITORING")))
                        .status())
                .as("people hold staff roles; MONITORING is for keys")
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/data-scopes/MONITORING", Map.of("scope", "ALL"))
                        .status())
                .isEqualTo(400);
    }

    /** The key's last day has passed: its end is moved to a minute ago, rather than the clock a day on. */
    private void theDayIsOver(long id) {
        jdbc.sql("update api_keys set expires_at = now() - interval '1 minute' where id = ?")
                .param(id)
                .update();
    }

    private void theOverlapIsOver(long id) {
        jdbc.sql("update api_keys set previous_token_until = now() - interval '1 second' where id = ?")
                .param(id)
                .update();
    }

    /** The day after the expiry day starts at midnight, company time, as the page shows it. */
    private String expiryShown(String expiresOn) {
        return LocalDate.parse(expiresOn).plusDays(1).toString();
    }
}

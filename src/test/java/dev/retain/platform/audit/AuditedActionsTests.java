package dev.retain.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Taking data out and changing who may do what leave an entry naming who and what, without the data itself. */
@IntegrationTest
class AuditedActionsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void aSegmentExportIsAuditedWithWhoAndWhichSegmentButNoMember() {
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        String token = "x" + Long.toString(System.nanoTime(), 36);
        manager.put("/api/v1/customers/by-external-id/shop/" + token, Map.of("name", "Zhang " + token));
        long segment = manager.post(
                        "/api/v1/segments",
                        Map.of("name", "export " + token, "mode", "DYNAMIC", "condition", json.readTree("""
                                {"field": "profile.name", "op": "eq", "value": "Zhang %s"}""".formatted(
                                        token))))
                .body()
                .get("id")
                .asLong();

        String csv = manager.getText("/api/v1/segments/" + segment + "/export?format=csv");

        assertThat(csv).contains("Zhang " + token);
        var entry = latest("export", "segment", String.valueOf(segment));
        assertThat(entry.actor()).startsWith("api-key:");
        assertThat(entry.after())
                .contains("\"format\": \"csv\"")
                .contains("export " + token)
                .doesNotContain("Zhang");
    }

    @Test
    void aChartDownloadIsAuditedWithItsFilters() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        String chart = "kpis";

        analyst.getText("/api/v1/analytics/charts/" + chart + "?format=csv&region=East");

        var entry = latest("export", "chart", chart);
        assertThat(entry.actor()).startsWith("api-key:");
        assertThat(entry.after()).contains("\"region\": \"East\"");
    }

    @Test
    void roleChangesAndDisablingAreAuditedWithTheRolesBeforeAndAfter() {
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        var user = users.create(new NewUser(
                "roles-" + Long.toString(System.nanoTime(), 36),
                "Roles",
                null,
                "a long enough password",
                Set.of(Role.SERVICE)));

        var changed = admin.put("/api/v1/users/" + user.id() + "/roles", Map.of("roles", List.of("SALES", "SERVICE")));
        admin.patch("/api/v1/users/" + user.id(), Map.of("enabled", false));

        assertThat(changed.status()).isEqualTo(200);
        var roles = latest("change-roles", "user", String.valueOf(user.id()));
        assertThat(roles.actor()).startsWith("api-key:");
        assertThat(roles.before()).isEqualTo("{\"roles\": [\"SERVICE\"]}");
        assertThat(roles.after()).isEqualTo("{\"roles\": [\"SALES\", \"SERVICE\"]}");
        assertThat(latest("disable", "user", String.valueOf(user.id())).actor()).startsWith("api-key:");
    }

    private AuditEntry latest(String action, String entityType, String entityId) {
        return jdbc.sql("""
                        select id, at, actor, action, entity_type, entity_id, before::text, after::text from audit_log
                        where action = ? and entity_type = ? and entity_id = ? order by seq desc limit 1""")
                .params(action, entityType, entityId)
                .query((rs, row) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .single();
    }
}

package dev.retain.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TaskApiTests {

    @Autowired
    Tasks tasks;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void aTaskGoesToTheCustomersOwnerOnceAndIsClosedThroughTheApi() {
        String token = Long.toString(System.nanoTime(), 36);
        long owner = users.create(
                        new NewUser("owner-" + token, "Olga Owner", null, "owner password 1", Set.of(Role.SALES)))
                .id();
        long customer = jdbc.sql("""
                        insert into customers (kind, name, owner_id, custom_fields, created_at, updated_at)
                        values ('COMPANY', ?, ?, '{}', now(), now()) returning id""")
                .params("Task customer " + token, owner)
                .query(Long.class)
                .single();

        Task first = tasks.create(
                customer, null, "visit", "Renewal visit", null, Instant.now(), "journey:1", "key-" + token);
        Task again = tasks.create(
                customer, null, "VISIT", "Renewal visit", null, Instant.now(), "journey:1", "key-" + token);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.assigneeId()).isEqualTo(owner);
        assertThat(first.kind()).isEqualTo("VISIT");
        assertThat(tasks.openFor(owner)).extracting(Task::id).contains(first.id());

        var sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        var created =
                sales.post("/api/v1/customers/" + customer + "/tasks", Map.of("title", "Call back", "kind", "CALL"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("assigneeId").asLong()).isEqualTo(owner);
        var wrong = sales.post("/api/v1/customers/" + customer + "/tasks", Map.of("title", "Fax", "kind", "FAX"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(ApiClient.withRoles(port, apiKeys, Role.ANALYST)
                        .post("/api/v1/tasks/" + first.id() + "/done", Map.of())
                        .status())
                .isEqualTo(403);
        var done = sales.post("/api/v1/tasks/" + first.id() + "/done", Map.of());
        assertThat(done.body().get("status").asString()).isEqualTo("DONE");
        assertThat(tasks.openFor(owner)).extracting(Task::id).doesNotContain(first.id());
        assertThat(sales.get("/api/v1/customers/" + customer + "/tasks").body().size())
                .isEqualTo(2);
    }
}

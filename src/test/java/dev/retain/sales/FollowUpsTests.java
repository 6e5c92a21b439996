package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerMerges;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Conditions;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * A salesperson records how they followed a customer up: it is listed newest first, on the timeline, completes the
 * task it answers, moves with a merge, and tells conditions how long ago the customer was last followed up. What
 * cannot be understood is refused saying why, and nothing is written.
 */
@IntegrationTest
class FollowUpsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Tasks tasks;

    @Autowired
    CustomerMerges merges;

    @Autowired
    Conditions conditions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void aFollowUpIsListedOnTheTimelineAndCompletesItsTask() {
        long customer = customer("跟进 客户");
        Task call =
                tasks.create(customer, null, "CALL", "回访", null, Instant.now().plusSeconds(3600), "test", null);
        ApiClient sales = ApiClient.withRoles(port, apiKeys, Role.SALES);

        var first = sales.post(
                "/api/v1/customers/" + customer + "/follow-ups",
                Map.of(
                        "kind",
                        "PHONE",
                        "content",
                        "客户说下周订货",
                        "outcome",
                        "有意向",
                        "nextFollowUpAt",
                        Instant.now().plus(Duration.ofDays(7)).toString(),
                        "taskId",
                        call.id()));
        var second = sales.post(
                "/api/v1/customers/" + customer + "/follow-ups", Map.of("kind", "WECHAT", "content", "发了新品目录"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(tasks.find(call.id()).status()).isEqualTo("DONE");
        var listed = sales.get("/api/v1/customers/" + customer + "/follow-ups").body();
        assertThat(listed.findValuesAsString("kind")).containsExactly("WECHAT", "PHONE");
        assertThat(listed.get(1).get("outcome").asString()).isEqualTo("有意向");
        var timeline = sales.get("/api/v1/customers/" + customer + "/timeline?kind=followup")
                .body();
        assertThat(timeline.get("entries").findValuesAsString("detail")).containsExactly("发了新品目录", "客户说下周订货\n→ 有意向");
    }

    @Test
    void whatCannotBeUnderstoodIsRefusedAndNothingIsWritten() {
        long customer = customer("拒绝 客户");
        long other = customer("别的 客户");
        Task othersTask = tasks.create(other, null, "CALL", "别人的任务", null, Instant.now(), "test", null);
        ApiClient sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        String path = "/api/v1/customers/" + customer + "/follow-ups";

        assertThat(sales.post(path, Map.of("kind", "SMOKE_SIGNAL", "content", "?"))
                        .status())
                .isEqualTo(400);
        var blank = sales.post(path, Map.of("kind", "PHONE", "content", "  "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().toString()).contains("content");
        var past = sales.post(
                path,
                Map.of(
                        "kind",
                        "PHONE",
                        "content",
                        "x",
                        "nextFollowUpAt",
                        Instant.now().minusSeconds(60).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().toString()).contains("nextFollowUpAt");
        var wrongTask = sales.post(path, Map.of("kind", "PHONE", "content", "x", "taskId", othersTask.id()));
        assertThat(wrongTask.status()).isEqualTo(400);
        assertThat(wrongTask.body().toString()).contains("taskId");
        assertThat(sales.post("/api/v1/customers/999999999/follow-ups", Map.of("kind", "PHONE", "content", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.withRoles(port, apiKeys, Role.ANALYST)
                        .post(path, Map.of("kind", "PHONE", "content", "x"))
                        .status())
                .isEqualTo(403);

        assertThat(count(customer)).isZero();
        assertThat(tasks.find(othersTask.id()).status()).isEqualTo("OPEN");
    }

    @Test
    void conditionsKnowHowLongAgoACustomerWasFollowedUp() {
        long neglected = customer("久未跟进");
        long recent = customer("刚跟进");
        long never = customer("从未跟进");
        followedUp(neglected, Instant.now().minus(Duration.ofDays(20)));
        followedUp(recent, Instant.now().minus(Duration.ofDays(2)));

        List<Long> overAWeek =
                conditions.matchingAmong(conditions.parse(json.readTree("""
                        {"field": "sales.days_since_follow_up", "op": "gt", "value": 7}""")), List.of(neglected, recent, never));

        assertThat(overAWeek).containsExactly(neglected);
    }

    @Test
    void followUpsMoveWithTheirCustomersMerge() {
        long survivor = customer("合并 保留");
        long merged = customer("合并 被并");
        followedUp(merged, Instant.now().minus(Duration.ofDays(1)));

        var merge = merges.merge(survivor, merged);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(survivor) == 1);
        merges.unmerge(merge.id());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> count(merged) == 1 && count(survivor) == 0);
    }

    private void followedUp(long customer, Instant at) {
        jdbc.sql("""
                        insert into follow_ups (customer_id, kind, content, author, created_at)
                        values (?, 'PHONE', 'called', 'sales1', ?)""").params(customer, java.sql.Timestamp.from(at)).update();
    }

    private long count(long customer) {
        return jdbc.sql("select count(*) from follow_ups where customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    private long customer(String name) {
        return jdbc.sql("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, '{}', now(), now()) returning id""").param(name).query(Long.class).single();
    }
}

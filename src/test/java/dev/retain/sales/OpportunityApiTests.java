package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/v1/opportunities} as a salesperson's script uses it: open, list with filters, change with the version
 * read, move, win, lose, delete — and every refusal as problem+json saying why: an unknown stage or a missing title is
 * 400 naming the field, a closed opportunity or a stale version is 409, a colleague's opportunity is 404 (the data
 * scope hides it), a salesperson changing the funnel is 403.
 */
@IntegrationTest
class OpportunityApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Autowired
    OpportunityStages stages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CompanyZone zone;

    final String token = Long.toString(System.nanoTime(), 36);

    @Test
    void aSalespersonOpensListsChangesMovesAndWinsAnOpportunity() {
        long seller = user("seller");
        long customer = customer("API 客户", seller);
        ApiClient api = keyFor(seller);
        String month =
                LocalDate.now(zone.zone()).plusMonths(1).withDayOfMonth(15).toString();

        var created = api.post(
                "/api/v1/opportunities",
                Map.of(
                        "customerId",
                        customer,
                        "title",
                        "API 商机 " + token,
                        "amount",
                        5000,
                        "expectedCloseOn",
                        month,
                        "lines",
                        List.of(Map.of("name", "服务器", "quantity", 2, "unitPrice", 2500))));
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.body().get("stageName").asString()).isEqualTo("初步沟通");
        assertThat(created.body().get("ownerId").asLong()).isEqualTo(seller);
        assertThat(created.body().get("currency").asString()).isEqualTo("CNY");

        var listed = api.get("/api/v1/opportunities?ownerId=" + seller + "&status=OPEN&closingMonth="
                + month.substring(0, 7) + "&size=10");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("items").findValuesAsString("title")).containsExactly("API 商机 " + token);
        assertThat(listed.body().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/opportunities?ownerId=" + seller + "&status=WON")
                        .body()
                        .get("total")
                        .asLong())
                .isZero();

        var updated = api.put("/api/v1/opportunities/" + id, body("API 商机（加购）", 6000, 0));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("version").asInt()).isEqualTo(1);
        var moved = api.post("/api/v1/opportunities/" + id + "/stage", Map.of("stageId", stage("商务谈判"), "version", 1));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().get("stageName").asString()).isEqualTo("商务谈判");
        var won = api.post("/api/v1/opportunities/" + id + "/win", Map.of("createOrder", true));
        assertThat(won.status()).isEqualTo(200);
        assertThat(won.body().get("status").asString()).isEqualTo("WON");
        assertThat(won.body().get("orderId").isNull()).isFalse();

        var history = api.get("/api/v1/opportunities/" + id + "/history");
        assertThat(history.body().findValuesAsString("kind")).containsExactly("CREATED", "MOVED", "WON");
        var figures = api.get("/api/v1/opportunities/figures?from="
                + LocalDate.now(zone.zone()).minusDays(1) + "&to=" + LocalDate.now(zone.zone()) + "&ownerId=" + seller);
        assertThat(figures.status()).isEqualTo(200);
        assertThat(figures.body().get("funnel").get("won").asLong()).isEqualTo(1);
        assertThat(figures.body().get("funnel").get("wonAmount").decimalValue()).isEqualByComparingTo("6000");
        assertThat(audited(id)).containsExactly("create", "update", "move", "win");
    }

    @Test
    void whatCannotBeDoneIsRefusedSayingWhy() {
        long seller = user("seller");
        long customer = customer("拒绝客户", seller);
        ApiClient api = keyFor(seller);

        var unknownStage =
                api.post("/api/v1/opportunities", Map.of("customerId", customer, "title", "x", "stageId", 999_999_999));
        assertThat(unknownStage.status()).isEqualTo(400);
        assertThat(unknownStage.contentType()).contains("application/problem+json");
        assertThat(unknownStage.body().get("errors").findValuesAsString("field"))
                .containsExactly("stageId");
        var noTitle = api.post("/api/v1/opportunities", Map.of("customerId", customer, "title", " "));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.body().get("errors").findValuesAsString("field")).containsExactly("title");
        var negative = api.post("/api/v1/opportunities", Map.of("customerId", customer, "title", "x", "amount", -1));
        assertThat(negative.body().get("errors").findValuesAsString("field")).containsExactly("amount");

        long id = api.post("/api/v1/opportunities", Map.of("customerId", customer, "title", "会输的商机"))
                .body()
                .get("id")
                .asLong();
        var moveToNowhere = api.post("/api/v1/opportunities/" + id + "/stage", Map.of("stageId", 999_999_999));
        assertThat(moveToNowhere.status()).isEqualTo(400);
        assertThat(moveToNowhere.body().get("errors").findValuesAsString("field"))
                .containsExactly("stageId");
        assertThat(api.put("/api/v1/opportunities/" + id, body("改", 1, 0)).status())
                .isEqualTo(200);
        var stale = api.put("/api/v1/opportunities/" + id, body("又改", 2, 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("detail").asString()).contains("version");
        var noReason = api.post("/api/v1/opportunities/" + id + "/lose", Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/opportunities/" + id + "/lose", Map.of("reason", "预算不足"))
                        .status())
                .isEqualTo(200);
        var movedClosed = api.post("/api/v1/opportunities/" + id + "/stage", Map.of("stageId", stage("回款")));
        assertThat(movedClosed.status()).isEqualTo(409);
        assertThat(movedClosed.contentType()).contains("application/problem+json");
        assertThat(api.post("/api/v1/opportunities/" + id + "/win", Map.of()).status())
                .isEqualTo(409);

        assertThat(api.get("/api/v1/opportunities/999999999").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/opportunity-stages", Map.of("name", "x", "probability", 50))
                        .status())
                .isEqualTo(403);
        assertThat(ApiClient.withRoles(port, apiKeys, Role.MARKETER)
                        .get("/api/v1/opportunities")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aColleaguesOpportunityIsNotThereForASalesperson() {
        long seller = user("seller");
        long colleague = user("colleague");
        long theirs = customer("同事客户", colleague);
        long theirOpportunity = keyFor(colleague)
                .post("/api/v1/opportunities", Map.of("customerId", theirs, "title", "同事的商机 " + token))
                .body()
                .get("id")
                .asLong();
        ApiClient api = keyFor(seller);

        assertThat(api.get("/api/v1/opportunities/" + theirOpportunity).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/opportunities/" + theirOpportunity + "/stage", Map.of("stageId", stage("回款")))
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/opportunities/" + theirOpportunity).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/opportunities", Map.of("customerId", theirs, "title", "抢单"))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/opportunities?ownerId=" + colleague)
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(keyFor(colleague)
                        .get("/api/v1/opportunities/" + theirOpportunity)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAdminSetsUpTheFunnelAndTheReasonsForALoss() {
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);

        var tooLikely = admin.post("/api/v1/opportunity-stages", Map.of("name", "验收 " + token, "probability", 150));
        assertThat(tooLikely.status()).isEqualTo(400);
        assertThat(tooLikely.body().get("errors").findValuesAsString("field")).containsExactly("probability");
        var added = admin.post(
                "/api/v1/opportunity-stages", Map.of("name", "验收 " + token, "probability", 95, "stuckAfterDays", 10));
        assertThat(added.status()).isEqualTo(201);
        long stage = added.body().get("id").asLong();
        assertThat(admin.get("/api/v1/opportunity-stages").body().findValuesAsString("name"))
                .endsWith("验收 " + token);
        assertThat(admin.put("/api/v1/opportunity-stages/" + stage, Map.of("name", "初步沟通", "probability", 95))
                        .status())
                .isEqualTo(409);
        assertThat(admin.delete("/api/v1/opportunity-stages/" + stage).status()).isEqualTo(204);

        var reason = admin.post("/api/v1/opportunity-lost-reasons", Map.of("name", "交期太长 " + token));
        assertThat(reason.status()).isEqualTo(201);
        assertThat(keyFor(user("seller"))
                        .get("/api/v1/opportunity-lost-reasons")
                        .body()
                        .findValuesAsString("name"))
                .contains("价格太高", "交期太长 " + token);
        assertThat(admin.delete("/api/v1/opportunity-lost-reasons/"
                                + reason.body().get("id").asLong())
                        .status())
                .isEqualTo(204);
    }

    private List<String> audited(long id) {
        return jdbc.sql(
                        "select action from audit_log where entity_type = 'opportunity' and entity_id = ? order by at, id")
                .param(Long.toString(id))
                .query(String.class)
                .list();
    }

    private static Map<String, Object> body(String title, int amount, int version) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("amount", amount);
        body.put("version", version);
        return body;
    }

    private long stage(String name) {
        return stages.list().stream()
                .filter(stage -> stage.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private long user(String name) {
        return users.create(new UserAccounts.NewUser(
                        name + "-" + token + "-" + System.nanoTime(),
                        name,
                        null,
                        "opportunity api test password",
                        Set.of(Role.SALES)))
                .id();
    }

    private ApiClient keyFor(long userId) {
        return ApiClient.withToken(
                port,
                apiKeys.create("opportunities " + token, Set.of(Role.SALES), userId)
                        .token());
    }

    private long customer(String name, long owner) {
        return jdbc.sql("""
                        insert into customers (kind, name, owner_id, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, ?, '{}', now(), now()) returning id""").params(name + " " + token, owner).query(Long.class).single();
    }
}

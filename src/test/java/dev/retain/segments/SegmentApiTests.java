package dev.retain.segments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class SegmentApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ObjectMapper json;

    ApiClient marketer;
    ApiClient analyst;
    String token;

    @BeforeEach
    void signIn() {
        marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        token = "api" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void aSegmentIsCreatedEvaluatedListedAndDeleted() {
        var customer =
                marketer.put("/api/v1/customers/by-external-id/shop/" + token, Map.of("name", token, "city", "苏州"));
        long customerId = customer.body().get("id").asLong();

        var created = marketer.post(
                "/api/v1/segments",
                Map.of("name", "苏州 " + token, "mode", "DYNAMIC", "condition", json.readTree("""
                        {"and": [{"field": "profile.city", "op": "eq", "value": "苏州"},
                                 {"field": "profile.name", "op": "eq", "value": "%s"}]}""".formatted(token))));

        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.body().get("members").asLong()).isEqualTo(1);
        var members = marketer.get("/api/v1/segments/" + id + "/members");
        assertThat(members.body().get("items").get(0).get("customerId").asLong())
                .isEqualTo(customerId);
        assertThat(members.body()
                        .get("items")
                        .get(0)
                        .get("reason")
                        .get("profile.city")
                        .asString())
                .isEqualTo("苏州");
        assertThat(marketer.get("/api/v1/customers/" + customerId + "/memberships")
                        .body()
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("苏州 " + token);
        assertThat(marketer.get("/api/v1/segments/" + id + "/changes")
                        .body()
                        .get(0)
                        .get("change")
                        .asString())
                .isEqualTo("ENTERED");

        // A profile change leaves the segment in real time.
        marketer.put("/api/v1/customers/by-external-id/shop/" + token, Map.of("city", "杭州"));
        org.awaitility.Awaitility.await()
                .untilAsserted(() -> assertThat(marketer.get("/api/v1/segments/" + id)
                                .body()
                                .get("members")
                                .asLong())
                        .isZero());

        assertThat(marketer.delete("/api/v1/segments/" + id).status()).isEqualTo(204);
        assertThat(marketer.get("/api/v1/segments/" + id).status()).isEqualTo(404);
    }

    @Test
    void aFaultyConditionIsAnsweredWithProblemsPointingAtIt() {
        var response = marketer.post("/api/v1/conditions/preview", Map.of("condition", json.readTree("""
                {"or": [{"field": "orders.count", "op": "gte", "value": 1},
                        {"field": "orders.count", "op": "around", "value": 1}]}""")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("condition.or[1].op");
        assertThat(response.body().get("errors").get(0).get("message").asString())
                .contains("\"around\" does not apply");
    }

    @Test
    void everyoneReadsButOnlyMarketingTeamsChange() {
        assertThat(analyst.get("/api/v1/tags").status()).isEqualTo(200);
        assertThat(analyst.get("/api/v1/conditions/fields").body().findValuesAsString("name"))
                .contains("orders.count", "events.change_pct", "rfm.segment", "tag");
        assertThat(analyst.post("/api/v1/tags", Map.of("name", token, "mode", "MANUAL"))
                        .status())
                .isEqualTo(403);
        var tag = marketer.post("/api/v1/tags", Map.of("name", token, "mode", "MANUAL"));
        assertThat(tag.status()).isEqualTo(201);
        assertThat(marketer.post("/api/v1/tags", Map.of("name", token, "mode", "MANUAL"))
                        .body()
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asString())
                .contains("exists");
        var customer = marketer.put("/api/v1/customers/by-external-id/shop/" + token, Map.of("name", token));
        long customerId = customer.body().get("id").asLong();
        var added = marketer.post(
                "/api/v1/tags/" + tag.body().get("id").asLong() + "/members",
                Map.of("customerIds", List.of(customerId)));
        assertThat(added.body().get("added").asLong()).isEqualTo(1);
    }

    @Test
    void templatesAndRfmAreReachable() {
        var templates = marketer.get("/api/v1/tag-templates");
        assertThat(templates.body().findValuesAsString("key"))
                .contains("high_frequency", "dormant", "frequent_service");
        assertThat(marketer.post("/api/v1/rfm/runs", Map.of()).status()).isEqualTo(200);
        assertThat(marketer.get("/api/v1/rfm/segments").body().size()).isEqualTo(11);
        assertThat(marketer.get("/api/v1/rfm/value-cells").body().size()).isEqualTo(8);
        assertThat(marketer.put("/api/v1/rfm/settings", Map.of("method", "THRESHOLDS"))
                        .status())
                .isEqualTo(403);
    }
}

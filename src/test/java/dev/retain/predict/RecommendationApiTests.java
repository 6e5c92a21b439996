package dev.retain.predict;

import static dev.retain.predict.Baskets.BAGS;
import static dev.retain.predict.Baskets.PUMP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The recommendations API on the hand-built {@link Baskets}, with the configured thresholds (lift above 1.1). */
@RecommendationsDatabaseTest
class RecommendationApiTests {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Baskets baskets;

    @BeforeEach
    void baskets() {
        baskets = Baskets.written(jdbc);
    }

    @Test
    void marketersRecomputeAndEveryoneReads() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        var marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);

        var refused = analyst.post("/api/v1/recommendations/runs", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(analyst.get("/api/v1/recommendations/runs/latest").status()).isEqualTo(404);

        var run = marketer.post("/api/v1/recommendations/runs", Map.of());
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().get("customers").asLong()).isEqualTo(10);
        assertThat(run.body().get("rules").asLong()).isEqualTo(2);
        assertThat(run.body().get("thresholds").get("minLift").asDouble()).isEqualTo(1.1);

        assertThat(analyst.get("/api/v1/recommendations/runs/latest")
                        .body()
                        .get("rules")
                        .asLong())
                .isEqualTo(2);
        var rules = analyst.get("/api/v1/recommendations/associations?product=" + PUMP + "&limit=10");
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.body()).hasSize(1);
        var rule = rules.body().get(0);
        assertThat(rule.get("consequentSku").asString()).isEqualTo(BAGS);
        assertThat(rule.get("confidence").asDouble()).isEqualTo(0.8);
        assertThat(rule.get("lift").asDouble()).isEqualTo(1.6);
        assertThat(rule.get("missingCustomers").asLong()).isEqualTo(1);
    }

    @Test
    void gapsAndACustomersNextBestProducts() {
        var api = ApiClient.withRoles(port, apiKeys, Role.SALES);
        ApiClient.withRoles(port, apiKeys, Role.MANAGER).post("/api/v1/recommendations/runs", Map.of());

        var gaps = api.get("/api/v1/recommendations/gaps?product=" + PUMP);
        assertThat(gaps.status()).isEqualTo(200);
        assertThat(gaps.body().get("total").asLong()).isEqualTo(1);
        assertThat(gaps.body().get("items").get(0).get("customerId").asLong()).isEqualTo(baskets.customer(4));
        assertThat(api.get("/api/v1/recommendations/gaps?size=1&page=1")
                        .body()
                        .get("items")
                        .get(0)
                        .get("customerId")
                        .asLong())
                .isEqualTo(baskets.customer(5));

        var next = api.get("/api/v1/customers/" + baskets.customer(4) + "/recommendations?limit=3");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body()).hasSize(1);
        assertThat(next.body().get(0).get("sku").asString()).isEqualTo(BAGS);
        assertThat(next.body().get(0).get("becauseSku").asString()).isEqualTo(PUMP);
        assertThat(api.get("/api/v1/customers/" + baskets.customer(7) + "/recommendations")
                        .body())
                .isEmpty();

        var unknown = api.get("/api/v1/customers/999999999/recommendations");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }
}

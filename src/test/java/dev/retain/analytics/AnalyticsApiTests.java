package dev.retain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AnalyticsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsRefresh refresh;

    @Test
    void theDashboardOfARegionComesWholeOrWidgetByWidget() {
        ShopHistory shop = new ShopHistory(jdbc);
        long customer = shop.aCustomer("接口客户", "REPEAT");
        shop.paid(customer, "2025-02-20", "90");
        shop.paid(customer, "2025-03-02", "110");
        refresh.rebuild();
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        String filters = "?from=2025-03-01&to=2025-03-31&region=" + shop.region;

        var kpis = analyst.get("/api/v1/analytics/kpis" + filters);
        assertThat(kpis.status()).isEqualTo(200);
        JsonNode active = row(kpis.body(), "ACTIVE_CUSTOMERS");
        assertThat(active.get("current").asLong()).isEqualTo(1);
        assertThat(active.get("previous").asLong()).isEqualTo(1);
        assertThat(row(kpis.body(), "RETENTION_RATE").get("current").asDouble()).isEqualTo(1.0);
        assertThat(kpis.body().get("previousPeriod").get("first").asString()).isEqualTo("2025-01-29");

        var dashboard = analyst.get("/api/v1/analytics/dashboard" + filters);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body().propertyNames())
                .contains("kpis", "cohorts", "lifecycle", "rfm", "segmentSizes", "journeys");
        JsonNode cohorts = dashboard.body().get("cohorts").get("cohorts");
        assertThat(cohorts).hasSize(1);
        assertThat(cohorts.get(0).get("month").asString()).isEqualTo("2025-02-01");
        assertThat(cohorts.get(0).get("cells").get(1).get("customers").asLong()).isEqualTo(1);

        var lifecycle = analyst.get("/api/v1/analytics/lifecycle?region=" + shop.region);
        assertThat(lifecycle.body().get(3).get("stage").asString()).isEqualTo("REPEAT");
        assertThat(lifecycle.body().get(3).get("customers").asLong()).isEqualTo(1);
    }

    @Test
    void badFiltersAndUnknownChartsAreExplained() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);

        var backwards = analyst.get("/api/v1/analytics/kpis?from=2025-03-31&to=2025-03-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.contentType()).contains("problem+json");
        assertThat(backwards.body().toString()).contains("must not be before from");

        var tooLong = analyst.get("/api/v1/analytics/kpis?from=2020-01-01&to=2025-03-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().toString()).contains("at most");

        var notADate = analyst.get("/api/v1/analytics/kpis?from=2025-13-01");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.contentType()).contains("problem+json");

        var unknownChart = analyst.get("/api/v1/analytics/charts/pie");
        assertThat(unknownChart.status()).isEqualTo(404);
        assertThat(unknownChart.body().get("detail").asString()).contains("pie");

        var unknownFormat = analyst.get("/api/v1/analytics/charts/kpis?format=pdf");
        assertThat(unknownFormat.status()).isEqualTo(400);
        assertThat(unknownFormat.body().toString()).contains("csv or xlsx");
    }

    @Test
    void onlyManagersRebuildTheAggregates() {
        assertThat(ApiClient.withRoles(port, apiKeys, Role.ANALYST)
                        .post("/api/v1/analytics/refresh", "")
                        .status())
                .isEqualTo(403);
        var rebuilt = ApiClient.withRoles(port, apiKeys, Role.MANAGER).post("/api/v1/analytics/refresh", "");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.body().get("cohortsBuiltAt").asString()).isNotBlank();
    }

    private static JsonNode row(JsonNode report, String kpi) {
        for (JsonNode row : report.get("rows")) {
            if (kpi.equals(row.get("kpi").asString())) {
                return row;
            }
        }
        throw new AssertionError("no KPI " + kpi);
    }
}

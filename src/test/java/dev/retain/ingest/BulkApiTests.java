package dev.retain.ingest;

import static dev.retain.ingest.ImportFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class BulkApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    ApiClient marketer;

    @BeforeEach
    void signIn() {
        marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
    }

    @Test
    void eventsAreAnsweredRecordByRecordAndARetryRecordsNothingTwice() {
        String c = unique();
        String lines = """
                {"customer_id": "%1$s", "event_type": "login", "occurred_at": "2026-06-01T10:00:00+08:00", "device": "ios"}
                {"customer_id": "%1$s", "event_type": "login",
                {"customer_id": "%1$s", "occurred_at": "2026-06-01T10:00:00+08:00"}
                """.formatted(c);

        var first = marketer.postNdjson("/api/v1/events/bulk?source=app", lines);
        var retry = marketer.postNdjson("/api/v1/events/bulk?source=app", lines);

        assertThat(first.status()).isEqualTo(200);
        assertThat(resultsOf(first.body())).containsExactly("created", "rejected", "rejected");
        assertThat(first.body().get("results").get(1).get("reason").asString()).startsWith("not a JSON object");
        assertThat(first.body().get("results").get(2).get("reason").asString()).isEqualTo("event_type: is empty");
        assertThat(resultsOf(retry.body())).containsExactly("merged", "rejected", "rejected");
        assertThat(retry.body().get("totals").get("merged").asLong()).isEqualTo(1);
    }

    @Test
    void ordersSentAgainAreUpdatedNotDuplicated() {
        String c = unique();
        String order = """
                {"order_id": "%1$s", "customer_id": "%1$s-c", "order_date": "2026-07-01 12:00", "amount": "¥120.00"}
                """.formatted(c);

        var first = marketer.postNdjson("/api/v1/orders/bulk?source=shop", order);
        var again = marketer.postNdjson("/api/v1/orders/bulk?source=shop", order.replace("120.00", "99.00"));

        assertThat(resultsOf(first.body())).containsExactly("created");
        assertThat(resultsOf(again.body())).containsExactly("updated");
        assertThat(again.body().get("results").get(0).get("customerId").asLong())
                .isEqualTo(first.body().get("results").get(0).get("customerId").asLong());
    }

    @Test
    void aCustomerIsCreatedThenUpdatedThroughItsExternalId() {
        String c = unique();

        var created = marketer.put("/api/v1/customers/by-external-id/erp/" + c, Map.of("name", "孙悟空", "city", "花果山"));
        var updated = marketer.put("/api/v1/customers/by-external-id/erp/" + c, Map.of("city", "西安"));
        var invalid = marketer.put("/api/v1/customers/by-external-id/erp/" + c, Map.of("phone", "12345"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("id").asLong())
                .isEqualTo(created.body().get("id").asLong());
        assertThat(updated.body().get("name").asString()).isEqualTo("孙悟空");
        assertThat(updated.body().get("city").asString()).isEqualTo("西安");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").get(0).get("field").asString()).isEqualTo("phone");
    }

    @Test
    void anAdminsExchangeRateConvertsImportedAmounts(@Autowired JdbcClient jdbc) {
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        assertThat(admin.put("/api/v1/currency-rates/sgd", Map.of("rate", 5.3)).status())
                .isEqualTo(204);
        assertThat(admin.put("/api/v1/currency-rates/SGDX", Map.of("rate", 5.3)).status())
                .isEqualTo(400);
        assertThat(marketer.put("/api/v1/currency-rates/SGD", Map.of("rate", 1)).status())
                .isEqualTo(403);
        String c = unique();

        marketer.postNdjson(
                "/api/v1/orders/bulk?source=shop",
                "{\"order_id\": \"%1$s\", \"customer_id\": \"%1$s\", \"order_date\": \"2026-07-01\", \"amount\": \"SGD 10\"}"
                        .formatted(c));

        assertThat(jdbc.sql("select base_amount from orders where source = 'shop' and external_id = ?")
                        .param(c)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("53.00");
    }

    @Test
    void anAnalystCannotIngest() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);

        assertThat(analyst.postNdjson("/api/v1/events/bulk", "{}").status()).isEqualTo(403);
    }

    @Test
    void anOrderForCustomerNaBelongsToNobodyAndIsRejected() {
        String c = unique();
        String orders = """
                {"order_id": "%1$s-1", "customer_id": "NA", "order_date": "2026-07-01", "amount": "10"}
                {"order_id": "%1$s-2", "customer_id": "#N/A", "phone": "null", "email": "-", "order_date": "2026-07-01", "amount": "10"}
                """.formatted(c);

        var response = marketer.postNdjson("/api/v1/orders/bulk?source=shop", orders);

        assertThat(resultsOf(response.body())).containsExactly("rejected", "rejected");
        assertThat(response.body().get("results").get(0).get("reason").asString())
                .isEqualTo("customer_id: no customer identity: customer id, phone and email are all missing");
    }

    @Test
    void aNegativeQuantityIsAReturnOfTheOrderItNames(@Autowired JdbcClient jdbc) {
        String c = unique();
        String source = "s" + c;
        marketer.postNdjson("/api/v1/orders/bulk?source=" + source, """
                {"order_id": "A1", "customer_id": "%1$s", "order_date": "2026-07-01", "sku": "X", "quantity": 3, "unit_price": 20}
                """.formatted(c));

        var response = marketer.postNdjson("/api/v1/orders/bulk?source=" + source, """
                {"order_id": "R1", "original_order_id": "A1", "customer_id": "%1$s", "order_date": "2026-07-03", "sku": "X", "quantity": -1, "unit_price": 20}
                """.formatted(c));

        assertThat(resultsOf(response.body())).containsExactly("created");
        assertThat(jdbc.sql("select base_amount from paid_orders_view where id = (select id from orders"
                                + " where source = ? and external_id = 'A1')")
                        .param(source)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("40.00");
    }

    @Test
    void aReturnSentBeforeItsOrderIsNettedWhenTheOrderArrivesAndAnOrderReturnedInFullIsNoPurchase(
            @Autowired JdbcClient jdbc) {
        String c = unique();
        String source = "s" + c;
        marketer.postNdjson("/api/v1/orders/bulk?source=" + source, """
                {"order_id": "C7", "customer_id": "%1$s", "order_date": "2026-07-03", "amount": "-50"}
                {"order_id": "C8", "customer_id": "%1$s", "order_date": "2026-07-03", "amount": "-30"}
                """.formatted(c));

        marketer.postNdjson("/api/v1/orders/bulk?source=" + source, """
                {"order_id": "7", "customer_id": "%1$s", "order_date": "2026-07-01", "amount": "120"}
                {"order_id": "8", "customer_id": "%1$s", "order_date": "2026-07-02", "amount": "30"}
                """.formatted(c));

        assertThat(jdbc.sql("""
                        select count(*) || ' ' || sum(p.base_amount) from paid_orders_view p
                        where p.customer_id = (select customer_id from orders where source = ? and external_id = '7')""").param(source).query(String.class).single()).isEqualTo("1 70.00");
    }

    @Test
    void apiCallsRaiseTheDataQualityAlertsOfFileImportsOncePerSourceAndDay(@Autowired JdbcClient jdbc) {
        String c = unique();
        String source = "s" + c;
        String calls = """
                {"order_id": "%1$s-1", "customer_id": "%1$s", "order_date": "2026-07-01", "amount": "10"}
                {"order_id": "%1$s-2", "customer_id": "%1$s", "order_date": "2026-07-01", "amount": "ten"}
                {"order_id": "%1$s-3", "customer_id": "%1$s", "order_date": "2099-01-01", "amount": "10"}
                """.formatted(c);

        marketer.postNdjson("/api/v1/orders/bulk?source=" + source, calls);
        marketer.postNdjson("/api/v1/orders/bulk?source=" + source, calls);

        assertThat(jdbc.sql("""
                        select j.rows_read || ' ' || j.rows_imported || ' ' || j.rows_merged || ' ' || j.rows_rejected
                        from import_jobs j where j.source = ? and j.api_day is not null""").param(source).query(String.class).single()).isEqualTo("6 2 2 2");
        assertThat(alertsOf(jdbc, source))
                .containsExactlyInAnyOrder(
                        "REJECTED_SHARE: 1 of 3 rows were rejected (33.3%)",
                        "FUTURE_DATES: 1 rows have dates in the future");
    }

    @Test
    void theFirstApiCallOfADayChecksTheVolumeOfTheDayBefore(@Autowired JdbcClient jdbc) {
        String c = unique();
        String source = "s" + c;
        for (int daysAgo : new int[] {2, 1}) {
            jdbc.sql("""
                            insert into import_jobs (kind, source, file_name, file_path, mapping, status, rows_read,
                                                     rows_imported, created_by, created_at, api_day)
                            values ('ORDERS', ?, 'API orders', '', '{}', 'SUCCEEDED', ?, ?, 'test', now(),
                                    (now() at time zone 'Asia/Shanghai')::date - ?)""")
                    .params(source, daysAgo == 2 ? 1000 : 10, daysAgo == 2 ? 1000 : 10, daysAgo)
                    .update();
        }

        marketer.postNdjson(
                "/api/v1/orders/bulk?source=" + source,
                "{\"order_id\": \"%1$s\", \"customer_id\": \"%1$s\", \"order_date\": \"2026-07-01\", \"amount\": 1}"
                        .formatted(c));

        assertThat(alertsOf(jdbc, source))
                .containsExactly("LOW_VOLUME: 10 rows, far fewer than the 1000 of the previous import from " + source);
    }

    private static List<String> alertsOf(JdbcClient jdbc, String source) {
        return jdbc.sql("""
                        select a.kind || ': ' || a.message from data_quality_alerts a
                        join import_jobs j on j.id = a.job_id where j.source = ? order by a.id""").param(source).query(String.class).list();
    }

    private static List<String> resultsOf(JsonNode body) {
        var results = new ArrayList<String>();
        body.get("results").forEach(result -> results.add(result.get("result").asString()));
        return results;
    }
}

package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

@IntegrationTest
class ChurnTrainingTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);
    private static final ChurnSettings SETTINGS = new ChurnSettings(90, 365, 0.3, 0.6);

    @Autowired
    ChurnFeatures features;

    @Autowired
    ChurnTraining training;

    @Autowired
    ChurnModels models;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonthlyPartitions partitions;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    @Test
    @Transactional
    void featuresAreHandCheckedAndSeeNothingFromTheAsOfDayOn() {
        var buyers = new Buyers(jdbc);
        LocalDate asOf = LocalDate.of(2025, 3, 1);
        long customer = buyers.aCustomer("Features");
        long first = buyers.order(customer, asOf.minusDays(200), "100", "PAID", "SPRING");
        buyers.line(first, customer, "Milk");
        buyers.line(first, customer, "Toys");
        buyers.order(customer, asOf.minusDays(200), "50", "PAID"); // same day: one purchase, two orders
        buyers.line(buyers.order(customer, asOf.minusDays(100), "150", "PAID"), customer, "Milk");
        buyers.order(customer, asOf.minusDays(60), "300", "REFUNDED");
        buyers.line(buyers.order(customer, asOf.minusDays(40), "100", "PAID"), customer, "Diapers");
        event(customer, asOf.minusDays(10));
        event(customer, asOf.minusDays(45));
        event(customer, asOf.minusDays(50));

        FeatureTable before = features.asOf(asOf, SETTINGS, true);
        int row = rowOf(before, customer);

        assertThat(before.value(row, ChurnFeature.RECENCY_DAYS)).isEqualTo(40);
        assertThat(before.value(row, ChurnFeature.PURCHASES)).isEqualTo(3);
        assertThat(before.value(row, ChurnFeature.MONETARY)).isEqualTo(400);
        assertThat(before.value(row, ChurnFeature.TENURE_DAYS)).isEqualTo(200);
        assertThat(before.value(row, ChurnFeature.AVERAGE_INTERVAL_DAYS)).isEqualTo(80); // (200 − 40) / 2
        assertThat(before.value(row, ChurnFeature.OVERDUE_RATIO)).isEqualTo(0.5f); // 40 / 80
        assertThat(before.value(row, ChurnFeature.LAST_INTERVAL_DAYS)).isEqualTo(60);
        assertThat(before.value(row, ChurnFeature.ORDERS_LAST_90_DAYS)).isEqualTo(1);
        assertThat(before.value(row, ChurnFeature.ORDERS_PREVIOUS_90_DAYS)).isEqualTo(1);
        assertThat(before.value(row, ChurnFeature.AVERAGE_ORDER_VALUE)).isEqualTo(100); // 400 over 4 paid orders
        assertThat(before.value(row, ChurnFeature.CATEGORIES)).isEqualTo(3);
        assertThat(before.value(row, ChurnFeature.REFUND_SHARE)).isEqualTo(0.2f); // 1 of 5 orders
        assertThat(before.value(row, ChurnFeature.COUPON_SHARE)).isEqualTo(0.25f); // 1 of 4 paid orders
        assertThat(before.value(row, ChurnFeature.EVENTS_LAST_30_DAYS)).isEqualTo(1);
        assertThat(before.value(row, ChurnFeature.EVENTS_PREVIOUS_30_DAYS)).isEqualTo(2);
        assertThat(before.value(row, ChurnFeature.P_ALIVE)).isBetween(0f, 1f);
        assertThat(before.churned()[row]).isEqualTo(1); // nothing in the 90 days from the as-of day

        // what happens on and after the as-of day changes the label only
        buyers.line(buyers.order(customer, asOf, "999", "PAID", "LATER"), customer, "Books");
        buyers.order(customer, asOf.plusDays(30), "999", "REFUNDED");
        event(customer, asOf.plusDays(1));
        FeatureTable after = features.asOf(asOf, SETTINGS, true);
        int same = rowOf(after, customer);
        assertThat(Arrays.copyOfRange(after.values(), same * FeatureTable.COLUMNS, (same + 1) * FeatureTable.COLUMNS))
                .containsExactly(Arrays.copyOfRange(
                        before.values(), row * FeatureTable.COLUMNS, (row + 1) * FeatureTable.COLUMNS));
        assertThat(after.churned()[same]).isZero();

        // one purchase is not a repeat buyer; a repeat buyer silent for longer than the lookback is gone already
        long once = buyers.aCustomer("Once");
        buyers.order(once, asOf.minusDays(5), "100", "PAID");
        long gone = buyers.aCustomer("Gone");
        buyers.order(gone, asOf.minusDays(500), "100", "PAID");
        buyers.order(gone, asOf.minusDays(400), "100", "PAID");
        FeatureTable population = features.asOf(asOf, SETTINGS, false);
        assertThat(population.customerIds()).contains(customer).doesNotContain(once, gone);
        assertThat(population.churned()).isNull();
    }

    @Test
    void trainingComparesBothModelsOnLaterCustomersPromotesTheBetterAndExplainsTheScores() {
        var buyers = new Buyers(jdbc);
        var random = new Random(3);
        long steadyCustomer = 0;
        for (int i = 0; i < 400; i++) {
            boolean quits = random.nextDouble() < 0.5;
            long customer = buyers.aCustomer("Churn " + i);
            LocalDate day = TODAY.minusDays(400 + random.nextInt(60));
            LocalDate stop = quits ? TODAY.minusDays(60 + random.nextInt(260)) : TODAY;
            while (day.isBefore(stop)) {
                // the planted signal: those about to quit have most of their orders refunded
                boolean refunded = random.nextDouble() < (quits ? 0.6 : 0.05);
                buyers.order(customer, day, "100", refunded ? "REFUNDED" : "PAID");
                day = day.plusDays(10 + random.nextInt(25));
            }
            if (!quits) {
                steadyCustomer = customer;
            }
        }

        ChurnTraining.Result result = training.train();

        assertThat(result.trained())
                .extracting(ChurnModels.Registered::algorithm)
                .containsExactlyInAnyOrder(ChurnAlgorithm.BOOSTED_TREES, ChurnAlgorithm.LOGISTIC_REGRESSION);
        ChurnModels.Registered promoted = result.promoted();
        assertThat(promoted.metrics().rocAuc())
                .isEqualTo(result.trained().stream()
                        .mapToDouble(m -> m.metrics().rocAuc())
                        .max()
                        .orElseThrow());
        assertThat(promoted.metrics().rocAuc()).isGreaterThan(0.75);
        assertThat(promoted.validationDate()).isEqualTo(TODAY.minusDays(90));
        assertThat(promoted.featureDate()).isEqualTo(TODAY.minusDays(180));
        assertThat(promoted.features()).contains("refund_share", "overdue_ratio");
        assertThat(models.active()).map(ChurnModels.Registered::id).contains(promoted.id());
        assertThat(result.run().customers()).isPositive();
        assertThat(jdbc.sql("select count(*) from churn_scores where model_id <> ?")
                        .param(promoted.id())
                        .query(Long.class)
                        .single())
                .isZero();

        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        var risk = analyst.get("/api/v1/customers/" + steadyCustomer + "/churn-risk");
        assertThat(risk.status()).isEqualTo(200);
        assertThat(risk.body().get("probability").asDouble()).isBetween(0.0, 1.0);
        String highRisk = jdbc.sql("""
                        select customer_id from churn_scores where band = 'HIGH' and jsonb_array_length(reasons) > 0
                        order by probability desc limit 1""").query(String.class).single();
        var explained = analyst.get("/api/v1/customers/" + highRisk + "/churn-risk");
        assertThat(explained.body().get("band").asString()).isEqualTo("HIGH");
        assertThat(explained.body().get("reasons").get(0).get("text").asString())
                .isNotBlank()
                .doesNotContain("churn.reason");
        assertThat(analyst.get("/api/v1/customers/999999999/churn-risk").status())
                .isEqualTo(404);

        long bandHigh = jdbc.sql("select count(*) from churn_scores where band = 'HIGH'")
                .query(Long.class)
                .single();
        var preview = analyst.post(
                "/api/v1/conditions/preview",
                Map.of("condition", Map.of("field", "predict.churn_band", "op", "eq", "value", "HIGH")));
        assertThat(preview.body().get("count").asLong()).isEqualTo(bandHigh);

        // roll back: the other model becomes active and rescores everyone
        long other = result.trained().stream()
                .filter(m -> m.id() != promoted.id())
                .findFirst()
                .orElseThrow()
                .id();
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        assertThat(analyst.post("/api/v1/predict/churn/models/" + other + "/activate", Map.of())
                        .status())
                .isEqualTo(403);
        var activated = manager.post("/api/v1/predict/churn/models/" + other + "/activate", Map.of());
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.body().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(models.find(promoted.id()).orElseThrow().status()).isEqualTo("RETIRED");
        assertThat(jdbc.sql("select distinct model_id from churn_scores")
                        .query(Long.class)
                        .list())
                .containsExactly(other);
        assertThat(analyst.get("/api/v1/predict/churn/models").body().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDefinitionIsCheckedWhenChanged() {
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        var wrong = manager.put("/api/v1/predict/churn/settings", Map.of("mediumFrom", 0.8, "highFrom", 0.5));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.body().toString()).contains("highFrom");
        var changed = manager.put("/api/v1/predict/churn/settings", Map.of("highFrom", 0.65));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("highFrom").asDouble()).isCloseTo(0.65, within(1e-9));
        assertThat(changed.body().get("inactiveDays").asInt()).isEqualTo(90);
        manager.put("/api/v1/predict/churn/settings", Map.of("highFrom", 0.6));
    }

    private void event(long customer, LocalDate day) {
        var at = day.atTime(12, 0).atZone(SHANGHAI).toInstant();
        partitions.ensure("events", at, at);
        jdbc.sql("insert into events (customer_id, type, occurred_at) values (?, 'login', ?)")
                .params(customer, Timestamp.from(at))
                .update();
    }

    private static int rowOf(FeatureTable table, long customer) {
        for (int row = 0; row < table.rows(); row++) {
            if (table.customerIds()[row] == customer) {
                return row;
            }
        }
        throw new AssertionError("customer " + customer + " is not in the table");
    }
}

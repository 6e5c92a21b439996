package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Conditions;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class ClvScoresTests {

    private static final LocalDate END = LocalDate.of(2026, 9, 30);

    @Autowired
    ClvScores scores;

    @Autowired
    Conditions conditions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    @Test
    void everyBuyerIsScoredAndTheScoresServeAsConditions() {
        var random = new Random(5);
        for (int i = 0; i < 300; i++) {
            long customer = aCustomer();
            LocalDate day = END.minusDays(200 + random.nextInt(150));
            int orders = 1 + random.nextInt(6);
            for (int k = 0; k < orders && !day.isAfter(END); k++) {
                order(customer, day, 50 + random.nextInt(200));
                day = day.plusDays(5 + random.nextInt(60));
            }
        }
        long active = aCustomer();
        long lapsed = aCustomer();
        long once = aCustomer();
        for (int week = 0; week < 10; week++) {
            order(active, END.minusDays(140 - 14L * week), 120);
            order(lapsed, END.minusDays(300 - 14L * week), 120);
        }
        order(once, END.minusDays(30), 120);

        ClvScores.Run run = scores.score(END, TimeUnitOfFit.WEEKS, 360, 0.01);

        assertThat(run.purchases().converged()).isTrue();
        assertThat(run.customers()).isGreaterThanOrEqualTo(303);
        assertThat(pAlive(once)).isEqualTo(1.0);
        assertThat(pAlive(active)).isGreaterThan(pAlive(lapsed));
        assertThat(number(active, "expected_purchases")).isGreaterThan(number(lapsed, "expected_purchases"));
        assertThat(number(active, "predicted_clv")).isGreaterThan(number(lapsed, "predicted_clv"));
        assertThat(jdbc.sql("select count(*) from clv_scores where p_alive < 0 or p_alive > 1 or predicted_clv < 0")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(scores.of(active)).containsKeys("pAlive", "expectedPurchases", "expectedOrderValue", "predictedClv");
        var api = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        assertThat(api.get("/api/v1/customers/" + active + "/clv")
                        .body()
                        .get("pAlive")
                        .asDouble())
                .isEqualTo(pAlive(active));
        assertThat(api.get("/api/v1/customers/" + aCustomer() + "/clv").status())
                .isEqualTo(404);
        var slipping = conditions.parse(json.readTree("""
                {"field": "predict.p_alive", "op": "lt", "value": %s}""".formatted((pAlive(active) + pAlive(lapsed)) / 2)));
        assertThat(conditions.matchingAmong(slipping, List.of(active, lapsed, once)))
                .containsExactly(lapsed);
    }

    @Test
    void withoutDiscountTheLifetimeValueIsExpectedPurchasesTimesOrderValue() {
        var model = new BgNbd(0.243, 4.414, 0.793, 2.426);
        var history = new BgNbd.History(4, 20, 30);

        double value = ClvScores.lifetimeValue(model, history, 80, TimeUnitOfFit.WEEKS, 360, 0);
        double discounted = ClvScores.lifetimeValue(model, history, 80, TimeUnitOfFit.WEEKS, 360, 0.02);

        assertThat(value).isCloseTo(80 * model.expectedPurchases(history, 360 / 7.0), within(1e-9));
        assertThat(discounted).isLessThan(value).isGreaterThan(value / Math.pow(1.02, 12));
    }

    private double pAlive(long customer) {
        return number(customer, "p_alive");
    }

    private double number(long customer, String column) {
        return jdbc.sql("select " + column + "::float8 from clv_scores where customer_id = ?")
                .param(customer)
                .query(Double.class)
                .single();
    }

    private long aCustomer() {
        return new Buyers(jdbc).aCustomer("CLV");
    }

    private void order(long customer, LocalDate day, int amount) {
        new Buyers(jdbc).order(customer, day, Integer.toString(amount), "PAID");
    }
}

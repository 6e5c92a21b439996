package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ClvModelCheckTests {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate CALIBRATION_END = TODAY.minusDays(120);

    @Autowired
    ClvModelCheck check;

    @Autowired
    ClvFits fits;

    @Autowired
    PurchaseHistories histories;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    Buyers buyers;

    @BeforeEach
    void someBuyers() {
        buyers = new Buyers(jdbc);
        // buyers as BG/NBD sees them: each their own rate of buying, at random times, until they drop out
        var random = new Random(11);
        for (int i = 0; i < 120; i++) {
            long customer = buyers.aCustomer("Check buyer " + i);
            double meanGapDays = 15 + random.nextInt(120);
            LocalDate day = TODAY.minusDays(250 + random.nextInt(150));
            do {
                buyers.order(customer, day, String.valueOf(40 + random.nextInt(300)), "PAID");
                day = day.plusDays(1 + (long) (-meanGapDays * Math.log(1 - random.nextDouble())));
            } while (!day.isAfter(TODAY) && random.nextDouble() > 0.15);
        }
    }

    @Test
    void theHoldoutCountsPurchasesAfterTheCalibrationEndOfCustomersWhoHadBoughtByThen() {
        long regular = buyers.aCustomer("Regular");
        buyers.order(regular, CALIBRATION_END.minusDays(30), "100", "PAID");
        buyers.order(regular, CALIBRATION_END, "100", "PAID");
        buyers.order(regular, CALIBRATION_END.plusDays(1), "80", "PAID");
        buyers.order(regular, CALIBRATION_END.plusDays(1), "20", "PAID"); // the same day: one purchase
        buyers.order(regular, CALIBRATION_END.plusDays(40), "90", "PAID");
        buyers.order(regular, CALIBRATION_END.plusDays(50), "90", "REFUNDED");
        long newcomer = buyers.aCustomer("Newcomer");
        buyers.order(newcomer, CALIBRATION_END.plusDays(3), "100", "PAID");

        Map<Long, Integer> after = histories.purchasesAfter(CALIBRATION_END, TODAY);
        assertThat(after).containsEntry(regular, 2).doesNotContainKey(newcomer);

        ClvFits.StoredFit fit = check.check(CALIBRATION_END, null, TimeUnitOfFit.WEEKS);

        HoldoutReport holdout = fit.holdout();
        assertThat(holdout.holdoutEnd()).isEqualTo(TODAY);
        assertThat(holdout.holdoutLength()).isEqualTo(120 / 7.0);
        assertThat(fit.customers())
                .isEqualTo(histories.asOf(CALIBRATION_END, TimeUnitOfFit.WEEKS).size());
        assertThat(holdout.groups().stream()
                        .mapToLong(HoldoutReport.Group::customers)
                        .sum())
                .isEqualTo(fit.customers());
        assertThat(holdout.actualPurchases())
                .isEqualTo(after.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(holdout.predictedPurchases()).isPositive();
        assertThat(fit.purchases().converged()).isTrue();
        // none where a parameter is held at a bound (other tests' buyers share this database)
        assertThat(fit.purchases().standardErrors()).hasSize(4).allMatch(se -> se > 0 || se.isNaN());
        assertThat(fit.purchases().standardErrors().get(0)).isPositive();
        assertThat(fit.spend()).isNotNull();
        assertThat(fits.latest(true)).map(ClvFits.StoredFit::id).contains(fit.id());
    }

    @Test
    void periodsThatCannotBeCheckedAreRefusedWithTheReason() {
        assertThatThrownBy(() -> check.check(TODAY, TODAY.minusDays(1), TimeUnitOfFit.DAYS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("calibrationEnd");
        assertThatThrownBy(() -> check.check(CALIBRATION_END, TODAY.plusDays(1), TimeUnitOfFit.DAYS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holdoutEnd");
        assertThatThrownBy(() -> check.check(LocalDate.of(1990, 1, 1), null, TimeUnitOfFit.DAYS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a fit needs at least");
    }

    @Test
    void theCommandPrintsTheParametersTheLikelihoodAndTheHoldoutReport() {
        var printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        var command = new PredictCommand(check);
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            command.run(new DefaultApplicationArguments(
                    "clv", "--calibration-end", CALIBRATION_END.toString(), "--unit", "days"));
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(command.getExitCode()).isZero();
        assertThat(output)
                .containsPattern("BG/NBD: r=[0-9.]+ alpha=[0-9.]+ a=[0-9.]+ b=[0-9.]+ log_likelihood=-[0-9.]+")
                .containsPattern("Gamma-Gamma: p=[0-9.]+ q=[0-9.]+ gamma=[0-9.]+ log_likelihood=-[0-9.]+")
                .contains("unit=days", "holdout: 120.0 days", "repeat_purchases")
                .containsPattern("holdout_actual=[0-9.]+ holdout_predicted=[0-9.]+");

        var wrong = new PredictCommand(check);
        wrong.run(new DefaultApplicationArguments("clv", "--calibration-end", "30/06/2026"));
        assertThat(wrong.getExitCode()).isEqualTo(2);
    }

    @Test
    void theApiChecksTheModelAndRefitsOnDemand() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        var created = analyst.post(
                "/api/v1/predict/clv/checks", Map.of("calibrationEnd", CALIBRATION_END.toString(), "unit", "weeks"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("purchases").get("parameters").propertyNames())
                .containsExactly("r", "alpha", "a", "b");
        assertThat(created.body()
                        .get("purchases")
                        .get("standardErrors")
                        .get("r")
                        .asDouble())
                .isPositive();
        assertThat(created.body().get("spend").get("parameters").propertyNames())
                .containsExactly("p", "q", "gamma");
        assertThat(created.body().get("holdout").get("groups").size()).isPositive();
        long id = created.body().get("id").asLong();
        assertThat(analyst.get("/api/v1/predict/clv/fits/" + id)
                        .body()
                        .get("holdout")
                        .get("holdoutEnd")
                        .asString())
                .isEqualTo(TODAY.toString());

        var wrongUnit =
                analyst.post("/api/v1/predict/clv/checks", Map.of("calibrationEnd", "2026-06-30", "unit", "months"));
        assertThat(wrongUnit.status()).isEqualTo(400);
        assertThat(wrongUnit.contentType()).startsWith("application/problem+json");
        assertThat(wrongUnit.body().toString()).contains("unit", "months");
        assertThat(analyst.post("/api/v1/predict/clv/runs", Map.of()).status()).isEqualTo(403);

        var run = ApiClient.withRoles(port, apiKeys, Role.MARKETER).post("/api/v1/predict/clv/runs", Map.of());
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().get("calibrationEnd").asString()).isEqualTo(TODAY.toString());
        assertThat(run.body().hasNonNull("holdout")).isFalse();
        assertThat(analyst.get("/api/v1/predict/clv/fits/latest")
                        .body()
                        .get("id")
                        .asLong())
                .isEqualTo(run.body().get("id").asLong());
        assertThat(analyst.get("/api/v1/predict/clv/fits/999999999").status()).isEqualTo(404);
    }
}

package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Earning rules by order-line category and product, and the birthday month: each line earns by its product's
 * multiplier, else its category's; a return takes back in proportion under the order's own version; orders placed in
 * the member's birthday month (company time zone) earn more; bad multipliers are refused with nothing written.
 */
@LoyaltyTest
class EarningRulesTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    LedgerCheck check;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-03-10T02:00:00Z"));
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
        fixtures.programme(7, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
    }

    @AfterEach
    void tearDown() {
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0));
        assertThat(check.run().problems()).isEmpty();
        clock.set(null);
    }

    @Test
    void linesEarnByTheirProductElseCategoryMultiplierAndAReturnTakesBackInProportionUnderTheOrdersVersion() {
        programme.addRule(new RuleChange(
                BigDecimal.ONE,
                Rounding.DOWN,
                0,
                null,
                Map.of("咖啡", new BigDecimal("2")),
                Map.of("CUP-1", new BigDecimal("3"))));
        Customer member = fixtures.aMember();
        // 100 of coffee ×2, a cup of the coffee category ×3 by its product, 50 of tea ×1: 200 + 150 + 50
        fixtures.orderWithLines(
                member,
                "M1",
                "2027-03-09 10:00",
                new String[] {"BEAN-1", "咖啡", "100"},
                new String[] {"CUP-1", "咖啡", "50"},
                new String[] {"TEA-1", "茶", "50"});
        fixtures.awaitOrderPoints("M1", 400);

        // a new version without multipliers: the order keeps its own
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0));
        fixtures.order(
                member, "M1-R", "2027-03-10 09:00", "-50", ",\"original_order_id\":\"M1-" + fixtures.token + "\"");
        // 150 of 200 kept: every line earns three quarters, 300 points
        fixtures.awaitOrderPoints("M1", 300);

        Customer other = fixtures.aMember();
        fixtures.orderWithLines(other, "M2", "2027-03-10 09:00", new String[] {"BEAN-1", "咖啡", "100"});
        fixtures.awaitOrderPoints("M2", 100);
    }

    @Test
    void anOrderWhoseLinesAllEarnOnceEarnsExactlyItsAmount() {
        programme.addRule(
                new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0, null, Map.of("其他", new BigDecimal("5")), Map.of()));
        Customer member = fixtures.aMember();
        fixtures.orderWithLines(
                member,
                "E1",
                "2027-03-09 10:00",
                new String[] {"A", "茶", "33.33"},
                new String[] {"B", "茶", "33.33"},
                new String[] {"C", "茶", "33.34"});
        fixtures.awaitOrderPoints("E1", 100);
    }

    @Test
    void ordersInTheBirthdayMonthOfTheCompanysTimeZoneEarnTheBirthdayMultiplier() {
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0, new BigDecimal("2"), null, null));
        Customer member = fixtures.aMemberBornOn(LocalDate.of(1990, 2, 14));
        // 23:30 on the last day of February in Shanghai is still the birthday month (15:30 UTC)
        fixtures.order(member, "B1", "2027-02-28 23:30", "100");
        fixtures.order(member, "B2", "2027-03-01 00:10", "100");
        fixtures.awaitOrderPoints("B1", 200);
        fixtures.awaitOrderPoints("B2", 100);
        assertThat(jdbc.sql("select note from loyalty_transactions where order_id = ?")
                        .param(fixtures.orderId("B1"))
                        .query(String.class)
                        .single())
                .isEqualTo("birthday ×2");

        // the birthday changed later: the order keeps what it earned with, and a return takes back by it
        jdbc.sql("update customers set birthday = date '1990-07-01' where id = ?")
                .param(member.id())
                .update();
        fixtures.order(
                member, "B1-R", "2027-03-10 09:00", "-50", ",\"original_order_id\":\"B1-" + fixtures.token + "\"");
        fixtures.awaitOrderPoints("B1", 100);

        Customer noBirthday = fixtures.aMember();
        fixtures.order(noBirthday, "B3", "2027-02-20 12:00", "100");
        fixtures.awaitOrderPoints("B3", 100);
    }

    @Test
    void badMultipliersAreRefusedWithProblemsNamingThemAndNothingWritten() {
        ApiClient admin = fixtures.admin();
        int versions = programme.rules().size();

        var zero = admin.post(
                "/api/v1/loyalty/earning-rules",
                Map.of("pointsPerUnit", 1, "categoryMultipliers", Map.of("咖啡", 0, "茶", 2)));
        var tooLarge = admin.post(
                "/api/v1/loyalty/earning-rules",
                Map.of("pointsPerUnit", 1, "productMultipliers", Map.of("CUP-1", 101), "birthdayMultiplier", -1));

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.contentType()).contains("problem+json");
        assertThat(zero.body().toString()).contains("categoryMultipliers[咖啡]");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body().toString()).contains("productMultipliers[CUP-1]", "birthdayMultiplier");
        assertThat(programme.rules()).hasSize(versions);

        var good = admin.post(
                "/api/v1/loyalty/earning-rules",
                Map.of(
                        "pointsPerUnit",
                        1,
                        "birthdayMultiplier",
                        1.5,
                        "categoryMultipliers",
                        Map.of("咖啡", 2),
                        "productMultipliers",
                        Map.of("CUP-1", 0.5)));
        assertThat(good.status()).isEqualTo(201);
        assertThat(good.body().get("categoryMultipliers").get("咖啡").asString()).isEqualTo("2");
        assertThat(good.body().get("productMultipliers").get("CUP-1").asString())
                .isEqualTo("0.5");
        assertThat(good.body().get("birthdayMultiplier").asString()).isEqualTo("1.5");
    }
}

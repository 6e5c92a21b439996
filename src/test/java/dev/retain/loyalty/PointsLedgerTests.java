package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.Customers;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Conditions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * The ledger's rules on a moved clock: points pending for their days, then spendable; expiry at the end of a month of
 * a leap year; spending closest to expiry first; refunds and returns taking back exactly what the refunded part earned,
 * also when it was spent already; earning rules kept per order; and the ledger that balances and equals every wallet.
 */
@LoyaltyTest
class PointsLedgerTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    NightlyLoyaltyRun nightly;

    @Autowired
    LedgerCheck check;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    CustomerMerges merges;

    @Autowired
    Conditions conditions;

    @Autowired
    ObjectMapper json;

    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-03-10T02:00:00Z"));
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
        fixtures.programme(7, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
    }

    @AfterEach
    void theLedgerStaysWhole() {
        assertThat(check.run().problems()).isEmpty();
        clock.set(null);
    }

    @Test
    void anOrdersPointsArePendingForTheirDaysThenSpendable() {
        Customer member = fixtures.aMember();
        fixtures.order(member, "P1", "2027-03-10 09:00", "128.60");
        fixtures.awaitOrderPoints("P1", 128);

        assertThat(loyalty.wallet(member.id()))
                .extracting(Wallet::active, Wallet::pending)
                .containsExactly(0L, 128L);
        assertThatThrownBy(() -> loyalty.redeem(member.id(), key(), 10, null))
                .isInstanceOf(NotEnoughPointsException.class)
                .hasMessageContaining("has 0 spendable points");

        clock.advance(Duration.ofDays(6));
        assertThat(loyalty.wallet(member.id()).pending()).isEqualTo(128);

        // 7 days after the order (09:00 Shanghai is 01:00 UTC): spendable, before the nightly run has written it
        clock.set(Instant.parse("2027-03-17T01:00:00Z"));
        assertThat(loyalty.wallet(member.id()))
                .extracting(Wallet::active, Wallet::pending)
                .containsExactly(128L, 0L);
        var spent = loyalty.redeem(member.id(), key(), 28, "coffee");
        assertThat(spent.active()).isEqualTo(100);
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.ACTIVATION)).isEqualTo(1);

        nightly.run();
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.ACTIVATION)).isEqualTo(1);
        assertThat(fixtures.sumOf(member.id(), "ACTIVE")).isEqualTo(100);
    }

    @Test
    void theNightlyRunMakesPointsSpendableOnceForEveryone() {
        Customer first = fixtures.aMember();
        Customer second = fixtures.aMember();
        fixtures.order(first, "N1", "2027-03-10 08:00", "50");
        fixtures.order(second, "N2", "2027-03-10 08:30", "70");
        fixtures.awaitOrderPoints("N1", 50);
        fixtures.awaitOrderPoints("N2", 70);

        clock.advance(Duration.ofDays(8));
        assertThat(nightly.run().activated()).isGreaterThanOrEqualTo(2);
        assertThat(nightly.run().activated()).isZero();

        for (var member : List.of(first, second)) {
            assertThat(fixtures.transactions(member.id(), LoyaltyReason.ACTIVATION))
                    .isEqualTo(1);
            assertThat(fixtures.sumOf(member.id(), "PENDING")).isZero();
        }
        assertThat(fixtures.sumOf(first.id(), "ACTIVE")).isEqualTo(50);
        assertThat(fixtures.sumOf(second.id(), "ACTIVE")).isEqualTo(70);
    }

    @Test
    void pointsEarnedOnTheLastDayOfFebruaryExpireAtTheEndOfFebruaryOfTheLeapYear() {
        clock.set(Instant.parse("2027-02-28T06:00:00Z"));
        fixtures.programme(0, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
        Customer member = fixtures.aMember();
        fixtures.order(member, "F1", "2027-02-28 12:00", "50");
        fixtures.awaitOrderPoints("F1", 50);
        assertThat(jdbc.sql("select expires_on from loyalty_lots where customer_id = ?")
                        .param(member.id())
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(LocalDate.of(2028, 2, 29));

        clock.set(Instant.parse("2028-02-29T15:30:00Z")); // 23:30 on the 29th in Shanghai
        nightly.run();
        assertThat(loyalty.wallet(member.id()))
                .extracting(Wallet::active, Wallet::expiringSoon, Wallet::nextExpiryOn)
                .containsExactly(50L, 50L, LocalDate.of(2028, 2, 29));
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.EXPIRY)).isZero();

        clock.set(Instant.parse("2028-02-29T16:30:00Z")); // 00:30 on 1 March in Shanghai
        assertThat(loyalty.wallet(member.id()).active()).isZero();
        nightly.run();
        nightly.run();
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.EXPIRY)).isEqualTo(1);
        assertThat(fixtures.sumOf(member.id(), "EXPIRED")).isEqualTo(50);
        assertThat(fixtures.sumOf(member.id(), "ACTIVE")).isZero();
        assertThat(jdbc.sql("""
                        select d.points from loyalty_draws d join loyalty_transactions t
                            on t.customer_id = d.customer_id and t.id = d.transaction_id
                        where d.customer_id = ? and t.reason = 'EXPIRY'""").param(member.id()).query(Long.class).list()).containsExactly(50L);
    }

    @Test
    void spendingDrawsFromThePointsClosestToExpiryFirst() {
        fixtures.programme(0, ExpiryPolicy.ROLLING_DAYS, 12, 100, RefundShortfall.NEGATIVE_BALANCE);
        Customer member = fixtures.aMember();
        Instant start = Instant.parse("2027-03-10T02:00:00Z");
        long lastToExpire = earnAt(member, start.plus(Duration.ofDays(20)), 30);
        long firstToExpire = earnAt(member, start, 40);
        long secondToExpire = earnAt(member, start.plus(Duration.ofDays(10)), 50);

        clock.set(start.plus(Duration.ofDays(21)));
        var first = loyalty.redeem(member.id(), key(), 60, null);
        var second = loyalty.redeem(member.id(), key(), 45, null);

        assertThat(drawsOf(member.id(), first.transactionId()))
                .containsExactly(firstToExpire + ":40", secondToExpire + ":20");
        assertThat(drawsOf(member.id(), second.transactionId()))
                .containsExactly(secondToExpire + ":30", lastToExpire + ":15");
        assertThat(second.active()).isEqualTo(15);
        assertThat(fixtures.sumOf(member.id(), "REDEEMED")).isEqualTo(105);
    }

    @Test
    void aRefundTakesBackThePendingPointsItsOrderEarned() {
        Customer member = fixtures.aMember();
        fixtures.order(member, "R1", "2027-03-10 09:00", "200");
        fixtures.awaitOrderPoints("R1", 200);

        fixtures.order(member, "R1", "2027-03-10 09:00", "200", ",\"status\":\"refunded\"");
        fixtures.awaitOrderPoints("R1", 0);

        assertThat(loyalty.wallet(member.id()))
                .extracting(Wallet::active, Wallet::pending)
                .containsExactly(0L, 0L);
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.REFUND)).isEqualTo(1);
        assertThat(fixtures.sumOf(member.id(), "PROGRAMME")).isZero();
    }

    @Test
    void aPartialReturnTakesBackWhatTheReturnedPartEarned() {
        Customer member = fixtures.aMember();
        fixtures.order(member, "PR1", "2027-03-10 09:00", "300");
        fixtures.awaitOrderPoints("PR1", 300);
        clock.advance(Duration.ofDays(8));

        fixtures.order(
                member,
                "PR1-R",
                "2027-03-18 10:00",
                "-120.50",
                ",\"original_order_id\":\"PR1-" + fixtures.token + "\"");
        // 179.50 kept earns 179 points: 121 come back
        fixtures.awaitOrderPoints("PR1", 179);

        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(179);
        assertThat(jdbc.sql("""
                        select -sum(e.points) from loyalty_entries e join loyalty_transactions t
                            on t.customer_id = e.customer_id and t.id = e.transaction_id
                        where t.customer_id = ? and t.reason = 'REFUND' and e.account in ('ACTIVE', 'PENDING')""").param(member.id()).query(Long.class).single()).isEqualTo(121);
    }

    @Test
    void aRefundOfPointsSpentAlreadyLeavesTheBalanceNegativeUntilNewPointsPayItBack() {
        Customer member = fixtures.aMember();
        fixtures.order(member, "S1", "2027-03-10 09:00", "100");
        fixtures.awaitOrderPoints("S1", 100);
        clock.advance(Duration.ofDays(8));
        loyalty.redeem(member.id(), key(), 80, "gift");

        fixtures.order(member, "S1", "2027-03-10 09:00", "100", ",\"status\":\"refunded\"");
        fixtures.awaitOrderPoints("S1", 0);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(-80);
        assertThatThrownBy(() -> loyalty.redeem(member.id(), key(), 1, null))
                .isInstanceOf(NotEnoughPointsException.class);

        fixtures.order(member, "S2", "2027-03-18 12:00", "50");
        fixtures.awaitOrderPoints("S2", 50);
        fixtures.order(member, "S3", "2027-03-18 13:00", "100");
        fixtures.awaitOrderPoints("S3", 100);
        clock.advance(Duration.ofDays(8));
        nightly.run();

        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(70);
        assertThat(jdbc.sql("select sum(remaining) from loyalty_lots where customer_id = ?")
                        .param(member.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(70);
        assertThat(loyalty.redeem(member.id(), key(), 70, null).active()).isZero();
    }

    @Test
    void clawBackTakesPendingPointsBeforeTheBalanceGoesNegative() {
        fixtures.programme(7, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.CLAW_BACK);
        Customer member = fixtures.aMember();
        fixtures.order(member, "C1", "2027-03-01 09:00", "100");
        fixtures.awaitOrderPoints("C1", 100);
        loyalty.redeem(member.id(), key(), 100, null);
        fixtures.order(member, "C2", "2027-03-10 09:00", "60");
        fixtures.awaitOrderPoints("C2", 60);

        fixtures.order(member, "C1", "2027-03-01 09:00", "100", ",\"status\":\"refunded\"");
        fixtures.awaitOrderPoints("C1", 0);

        assertThat(loyalty.wallet(member.id()))
                .extracting(Wallet::active, Wallet::pending)
                .containsExactly(-40L, 0L);
    }

    @Test
    void eachOrderKeepsTheRuleItEarnedUnder() {
        Customer member = fixtures.aMember();
        fixtures.order(member, "V1", "2027-03-09 09:00", "100");
        fixtures.awaitOrderPoints("V1", 100);
        programme.addRule(new RuleChange(new BigDecimal("2.5"), Rounding.HALF_UP, 500));
        try {
            Customer newcomer = fixtures.aMember();
            fixtures.order(newcomer, "V2", "2027-03-10 09:00", "10.30");
            // 25.75 rounds to 26, and it is the newcomer's first order
            fixtures.awaitOrderPoints("V2", 526);

            fixtures.order(
                    member, "V1-R", "2027-03-10 10:00", "-40", ",\"original_order_id\":\"V1-" + fixtures.token + "\"");
            // under version 1: 60 kept earn 60
            fixtures.awaitOrderPoints("V1", 60);
        } finally {
            programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0));
        }
    }

    @Test
    void theLedgerRefusesEntriesThatDoNotBalanceAndAnyChange() {
        Customer member = fixtures.aMember();
        var earned = loyalty.earn(member.id(), key(), 10, LoyaltyReason.CAMPAIGN, null);

        assertThatThrownBy(() -> jdbc.sql("""
                                insert into loyalty_entries (customer_id, transaction_id, account, points)
                                values (?, ?, 'REDEEMED', 5)""")
                        .params(member.id(), earned.transactionId())
                        .update())
                .hasMessageContaining("does not balance");
        assertThatThrownBy(() -> jdbc.sql("update loyalty_entries set points = 11 where customer_id = ?")
                        .param(member.id())
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from loyalty_transactions where customer_id = ?")
                        .param(member.id())
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theCheckFindsAWalletThatDiffersFromItsLedger() {
        Customer member = fixtures.aMember();
        loyalty.earn(member.id(), key(), 10, LoyaltyReason.CAMPAIGN, null);
        assertThat(check.run().ok()).isTrue();

        jdbc.sql("update loyalty_members set active = active + 1 where customer_id = ?")
                .param(member.id())
                .update();
        try {
            assertThat(check.run().problems())
                    .contains("customer " + member.id()
                            + ": the cached wallet says 11 spendable and 0 pending, the ledger 10 and 0");
        } finally {
            jdbc.sql("update loyalty_members set active = active - 1 where customer_id = ?")
                    .param(member.id())
                    .update();
        }
    }

    @Test
    void aMergedCustomersPointsMoveToTheSurvivorAndARefundLaterTakesThemBackThere() {
        Customer survivor = fixtures.aMember();
        Customer merged = fixtures.aMember();
        fixtures.order(merged, "M1", "2027-03-01 09:00", "90");
        fixtures.order(merged, "M2", "2027-03-10 09:00", "40");
        fixtures.awaitOrderPoints("M1", 90);
        fixtures.awaitOrderPoints("M2", 40);
        loyalty.redeem(merged.id(), key(), 30, null);
        loyalty.earn(survivor.id(), key(), 5, LoyaltyReason.CAMPAIGN, null);

        merges.merge(survivor.id(), merged.id());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(fixtures.transactions(survivor.id(), LoyaltyReason.TRANSFER))
                        .isEqualTo(2));

        assertThat(fixtures.sumOf(merged.id(), "ACTIVE") + fixtures.sumOf(merged.id(), "PENDING"))
                .isZero();
        assertThat(fixtures.sumOf(survivor.id(), "ACTIVE")).isEqualTo(65);
        assertThat(fixtures.sumOf(survivor.id(), "PENDING")).isEqualTo(40);

        // the order, now the survivor's, is refunded: its 60 points left come back from the survivor
        fixtures.order(survivor, "M1", "2027-03-01 09:00", "90", ",\"status\":\"refunded\"");
        fixtures.awaitOrderPoints("M1", 0);
        assertThat(loyalty.wallet(survivor.id()))
                .extracting(Wallet::active, Wallet::pending)
                .containsExactly(-25L, 40L);
    }

    @Test
    void conditionsSeeThePointsAsTheyStand() {
        fixtures.programme(0, ExpiryPolicy.ROLLING_DAYS, 12, 40, RefundShortfall.NEGATIVE_BALANCE);
        Customer expiringSoon = fixtures.aMember();
        Customer lasting = fixtures.aMember();
        Customer none = fixtures.aMember();
        Instant start = Instant.parse("2027-03-10T02:00:00Z");
        earnAt(expiringSoon, start, 80);
        earnAt(lasting, start.plus(Duration.ofDays(15)), 60);
        clock.set(start.plus(Duration.ofDays(15)));
        List<Long> among = List.of(expiringSoon.id(), lasting.id(), none.id());

        assertThat(matching("{\"field\": \"loyalty.points_balance\", \"op\": \"gte\", \"value\": 50}", among))
                .containsExactlyInAnyOrder(expiringSoon.id(), lasting.id());
        assertThat(matching("{\"field\": \"loyalty.points_expiring\", \"op\": \"gt\", \"value\": 0}", among))
                .containsExactly(expiringSoon.id());
        assertThat(matching(
                        "{\"field\": \"loyalty.points_expiring\", \"op\": \"eq\", \"value\": 60,"
                                + " \"params\": {\"within_days\": 45}}",
                        among))
                .containsExactly(lasting.id());
        assertThat(matching("{\"field\": \"loyalty.points_balance\", \"op\": \"eq\", \"value\": 0}", among))
                .containsExactly(none.id());

        clock.set(start.plus(Duration.ofDays(41)));
        assertThat(matching("{\"field\": \"loyalty.points_balance\", \"op\": \"gte\", \"value\": 50}", among))
                .containsExactly(lasting.id());
    }

    @Test
    void anErasedMembersLedgerStaysWithoutThemAndTheirPointsAreWrittenOff() {
        Customer member = fixtures.aMember();
        loyalty.earn(member.id(), key(), 70, LoyaltyReason.CAMPAIGN, "birthday gift for " + member.name());
        loyalty.redeem(member.id(), key(), 20, null);

        var erased = fixtures.admin().delete("/api/v1/customers/" + member.id() + "?reason=asked");
        assertThat(erased.status()).isEqualTo(204);

        assertThat(fixtures.sumOf(member.id(), "ACTIVE")).isZero();
        assertThat(fixtures.sumOf(member.id(), "REDEEMED")).isEqualTo(20);
        assertThat(fixtures.sumOf(member.id(), "PROGRAMME")).isEqualTo(-20);
        assertThat(jdbc.sql("select count(*) from loyalty_transactions where customer_id = ? and note is not null")
                        .param(member.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.ADJUSTMENT)).isEqualTo(1);
    }

    private List<Long> matching(String condition, List<Long> among) {
        return conditions.matchingAmong(conditions.parse(json.readTree(condition)), among);
    }

    private long earnAt(Customer member, Instant at, long points) {
        clock.set(at);
        return loyalty.earn(member.id(), key(), points, LoyaltyReason.CAMPAIGN, null)
                .transactionId();
    }

    private List<String> drawsOf(long customerId, long transactionId) {
        return jdbc.sql("""
                        select d.lot_id || ':' || d.points from loyalty_draws d
                        join loyalty_lots l on l.customer_id = d.customer_id and l.id = d.lot_id
                        where d.customer_id = ? and d.transaction_id = ? order by l.expires_on, l.id""")
                .params(customerId, transactionId)
                .query(String.class)
                .list();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}

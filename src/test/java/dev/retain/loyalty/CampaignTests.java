package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaigns on a moved clock: orders placed in the window (company time zone, end excluded) of the campaign's category
 * earn its bonus as a transaction of its own; never beyond the budget, also when orders arrive at once, nor beyond the
 * member's limit; a refund takes the bonus back; bad campaigns are refused with nothing written.
 */
@LoyaltyTest
class CampaignTests {

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
    ApiClient admin;
    String category;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-03-10T02:00:00Z"));
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
        fixtures.programme(7, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
        // campaigns of this test's own category: other tests' orders never qualify
        category = "活动" + fixtures.token;
    }

    @AfterEach
    void tearDown() {
        assertThat(check.run().problems()).isEmpty();
        clock.set(null);
    }

    @Test
    void ordersPlacedInTheWindowEarnTheBonusAndTheEndIsExcluded() {
        long campaign = campaign(Map.of("bonusPoints", 50, "budget", 10_000), "2027-03-01T00:00", "2027-03-08T00:00");
        Customer member = fixtures.aMember();
        buy(member, "W0", "2027-02-28 23:59", "100");
        buy(member, "W1", "2027-03-01 00:00", "100");
        buy(member, "W2", "2027-03-07 23:59", "100");
        buy(member, "W3", "2027-03-08 00:00", "100");
        fixtures.orderWithLines(member, "W4", "2027-03-05 12:00", new String[] {"OTHER", "其他" + fixtures.token, "100"});
        for (String order : List.of("W0", "W1", "W2", "W3", "W4")) {
            fixtures.awaitOrderPoints(order, 100);
        }

        assertThat(bonusOf(campaign, "W0")).isZero();
        assertThat(bonusOf(campaign, "W1")).isEqualTo(50);
        assertThat(bonusOf(campaign, "W2")).isEqualTo(50);
        assertThat(bonusOf(campaign, "W3")).isZero();
        assertThat(bonusOf(campaign, "W4")).isZero();
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.CAMPAIGN)).isEqualTo(2);
        assertThat(admin.get("/api/v1/loyalty/campaigns").body().toString()).contains("\"awarded\":100");
    }

    @Test
    void theBudgetIsDrawnExactlyAndNeverOverdrawnWhenOrdersArriveAtOnce() throws Exception {
        long campaign = campaign(Map.of("bonusPoints", 30, "budget", 100), "2027-03-01T00:00", "2027-03-31T00:00");
        List<Customer> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(fixtures.aMember());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> orders = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Customer member = members.get(i);
            String order = "C" + i;
            orders.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                buy(member, order, "2027-03-09 10:00", "100");
            }));
        }
        start.countDown();
        CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new)).get();
        for (int i = 0; i < members.size(); i++) {
            fixtures.awaitOrderPoints("C" + i, 100);
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(awarded(campaign)).isEqualTo(100));
        long given = members.stream().mapToLong(m -> campaignPointsOf(m.id())).sum();
        assertThat(given).isEqualTo(100);
        assertThat(members.stream().mapToLong(m -> campaignPointsOf(m.id())))
                .containsExactlyInAnyOrder(30L, 30L, 30L, 10L, 0L, 0L);
    }

    @Test
    void aMemberGetsNoMoreThanTheLimit() {
        Map<String, Object> fields = new HashMap<>(Map.of("multiplier", 2, "budget", 10_000, "memberLimit", 150));
        long campaign = campaign(fields, "2027-03-01T00:00", "2027-03-31T00:00");
        Customer member = fixtures.aMember();
        buy(member, "L1", "2027-03-02 10:00", "100");
        fixtures.awaitOrderPoints("L1", 100);
        buy(member, "L2", "2027-03-03 10:00", "100");
        fixtures.awaitOrderPoints("L2", 100);
        buy(member, "L3", "2027-03-04 10:00", "100");
        fixtures.awaitOrderPoints("L3", 100);

        assertThat(bonusOf(campaign, "L1")).isEqualTo(100);
        assertThat(bonusOf(campaign, "L2")).isEqualTo(50);
        assertThat(bonusOf(campaign, "L3")).isZero();
        Customer other = fixtures.aMember();
        buy(other, "L4", "2027-03-04 10:00", "100");
        fixtures.awaitOrderPoints("L4", 100);
        assertThat(bonusOf(campaign, "L4")).isEqualTo(100);
    }

    @Test
    void aRefundTakesTheBonusBack() {
        long campaign = campaign(Map.of("bonusPoints", 50, "budget", 10_000), "2027-03-01T00:00", "2027-03-31T00:00");
        Customer member = fixtures.aMember();
        buy(member, "R1", "2027-03-09 10:00", "100");
        fixtures.awaitOrderPoints("R1", 100);
        assertThat(bonusOf(campaign, "R1")).isEqualTo(50);
        assertThat(loyaltyOf(member.id())).isEqualTo(150);

        fixtures.order(member, "R1", "2027-03-09 10:00", "100", ",\"status\":\"refunded\"");
        fixtures.awaitOrderPoints("R1", 0);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(bonusOf(campaign, "R1")).isZero());
        assertThat(loyaltyOf(member.id())).isZero();
        assertThat(awarded(campaign)).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from loyalty_transactions where customer_id = ? and reason = 'REFUND'
                          and idempotency_key like 'campaign:%'""").param(member.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badCampaignsAreRefusedWithProblemsNamingThemAndNothingWritten() {
        long before = jdbc.sql("select count(*) from loyalty_campaigns")
                .query(Long.class)
                .single();

        var zero = admin.post("/api/v1/loyalty/campaigns", draft(Map.of("multiplier", 0, "budget", 10)));
        var tooLarge = admin.post("/api/v1/loyalty/campaigns", draft(Map.of("multiplier", 101, "budget", 10)));
        Map<String, Object> reversed = draft(Map.of("bonusPoints", 10, "budget", 10));
        reversed.put("endsAt", "2027-02-01T00:00");
        var backwards = admin.post("/api/v1/loyalty/campaigns", reversed);
        var negative = admin.post("/api/v1/loyalty/campaigns", draft(Map.of("bonusPoints", 10, "budget", -1)));

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.contentType()).contains("problem+json");
        assertThat(zero.body().toString()).contains("multiplier");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().toString()).contains("endsAt", "end after it starts");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().toString()).contains("budget");
        assertThat(jdbc.sql("select count(*) from loyalty_campaigns")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);

        long id = campaign(Map.of("bonusPoints", 10, "budget", 10), "2027-03-01T00:00", "2027-03-31T00:00");
        Map<String, Object> change = draft(Map.of("bonusPoints", 10, "budget", 10));
        change.put("startsAt", "2027-03-31T00:00");
        var badEdit = admin.put("/api/v1/loyalty/campaigns/" + id, change);
        assertThat(badEdit.status()).isEqualTo(400);
        var ended = admin.post("/api/v1/loyalty/campaigns/" + id + "/end", Map.of());
        assertThat(ended.status()).isEqualTo(200);
        assertThat(Instant.parse(ended.body().get("endsAt").asString())).isEqualTo(clock.instant());
    }

    private Map<String, Object> draft(Map<String, Object> fields) {
        Map<String, Object> draft = new HashMap<>(fields);
        draft.put("name", "活动 " + fixtures.token + " " + System.nanoTime());
        draft.put("startsAt", "2027-03-01T00:00");
        draft.put("endsAt", "2027-03-31T00:00");
        draft.put("category", category);
        return draft;
    }

    private long campaign(Map<String, Object> fields, String from, String to) {
        Map<String, Object> draft = draft(fields);
        draft.put("startsAt", from);
        draft.put("endsAt", to);
        var created = admin.post("/api/v1/loyalty/campaigns", draft);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        assertThat(LocalDateTime.parse(from)).isNotNull();
        return created.body().get("id").asLong();
    }

    private void buy(Customer member, String order, String at, String amount) {
        fixtures.orderWithLines(member, order, at, new String[] {"SKU-" + order, category, amount});
    }

    private long bonusOf(long campaign, String order) {
        return jdbc.sql("""
                        select coalesce(sum(points), 0) from loyalty_campaign_orders
                        where campaign_id = ? and order_id = ?""")
                .params(campaign, fixtures.orderId(order))
                .query(Long.class)
                .single();
    }

    private long awarded(long campaign) {
        return jdbc.sql("select awarded from loyalty_campaigns where id = ?")
                .param(campaign)
                .query(Long.class)
                .single();
    }

    private long campaignPointsOf(long customerId) {
        return jdbc.sql("""
                        select coalesce(sum(e.points), 0) from loyalty_entries e join loyalty_transactions t
                            on t.customer_id = e.customer_id and t.id = e.transaction_id
                        where t.customer_id = ? and t.reason = 'CAMPAIGN' and e.account in ('ACTIVE', 'PENDING')""").param(customerId).query(Long.class).single();
    }

    private long loyaltyOf(long customerId) {
        return jdbc.sql("select active + pending from loyalty_members where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
    }
}

package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referrals (邀请好友): a code that decodes to its member and refuses a forged one; a friend attached by it and both
 * sides rewarded only when the friend's first paid order qualifies; one person twice (same customer, phone or email)
 * refused with the reason kept; the referrer's daily cap holding under concurrent qualifications; a refund of the
 * qualifying order reversing both rewards; bad input a 4xx with nothing written.
 */
@LoyaltyTest
class ReferralTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Referrals referrals;

    @Autowired
    ReferralQualification qualification;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    ApiClient admin;
    ApiClient counter;
    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-03-01T02:00:00Z"));
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        counter = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
        fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
        referrals.update(new ReferralSettings.Change(true, 100, 50, new BigDecimal("30"), 10));
    }

    @AfterEach
    void tearDown() {
        referrals.update(new ReferralSettings.Change(false, 0, 0, BigDecimal.ZERO, 10));
        clock.set(null);
    }

    @Test
    void aCodeDecodesToItsMemberAndAForgedCodeIsRefused() {
        Customer member = aCustomer(null, null);
        String code = referrals.codeOf(member.id());
        char last = code.charAt(code.length() - 1);
        String forged = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherMember = "1" + code;

        assertThat(referrals.memberOf(code)).contains(member.id());
        assertThat(referrals.memberOf(code.toLowerCase())).contains(member.id());
        assertThat(referrals.memberOf(forged)).isEmpty();
        assertThat(referrals.memberOf(otherMember)).isEmpty();
        assertThat(referrals.memberOf("not a code")).isEmpty();
        var shown = admin.get("/api/v1/loyalty/members/" + member.id() + "/referrals");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().get("code").asString()).isEqualTo(code);

        Customer friend = aCustomer(null, null);
        var refused = counter.post("/api/v1/loyalty/referrals", Map.of("code", forged, "customerId", friend.id()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("code");
        assertThat(referrals.of(friend.id())).isEmpty();
    }

    @Test
    void bothSidesAreRewardedOnlyWhenTheFriendsFirstPaidOrderQualifies() {
        Customer referrer = aCustomer(null, null);
        Customer friend = aCustomer(null, null);

        var attached = counter.post(
                "/api/v1/loyalty/referrals",
                Map.of("code", referrals.codeOf(referrer.id()), "customerId", friend.id()));

        assertThat(attached.status()).as(attached.body().toString()).isEqualTo(201);
        assertThat(attached.body().get("status").asString()).isEqualTo("PENDING");
        assertThat(fixtures.transactions(referrer.id(), LoyaltyReason.REFERRAL)).isZero();
        assertThat(fixtures.transactions(friend.id(), LoyaltyReason.REFERRAL)).isZero();

        fixtures.order(friend, "F1", "2027-03-10 09:00", "88");
        awaitStatus(friend, ReferralStatus.QUALIFIED);
        fixtures.order(friend, "F2", "2027-03-11 09:00", "120");
        qualification.run(List.of(friend.id()));

        assertThat(fixtures.transactions(referrer.id(), LoyaltyReason.REFERRAL)).isEqualTo(1);
        assertThat(fixtures.transactions(friend.id(), LoyaltyReason.REFERRAL)).isEqualTo(1);
        assertThat(referralPoints(referrer)).isEqualTo(100);
        assertThat(referralPoints(friend)).isEqualTo(50);
        assertThat(referrals.of(friend.id()).orElseThrow().orderId()).isEqualTo(fixtures.orderId("F1"));
        assertThat(qualifiedEvents(referrer)).isEqualTo(1);
        assertThat(qualifiedEvents(friend)).isEqualTo(1);
        var ofReferrer = admin.get("/api/v1/loyalty/members/" + referrer.id() + "/referrals");
        assertThat(ofReferrer.body().get("referred").get(0).get("friendId").asLong())
                .isEqualTo(friend.id());
        var again = counter.post(
                "/api/v1/loyalty/referrals",
                Map.of("code", referrals.codeOf(aCustomer(null, null).id()), "customerId", friend.id()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(referrals.of(friend.id()).orElseThrow().referrerId()).isEqualTo(referrer.id());
    }

    @Test
    void aFirstOrderBelowTheMinimumDoesNotQualifyNorDoesALaterOne() {
        Customer referrer = aCustomer(null, null);
        Customer friend = aCustomer(null, null);
        referrals.attach(referrals.codeOf(referrer.id()), friend.id());

        fixtures.order(friend, "S1", "2027-03-10 09:00", "10");
        awaitStatus(friend, ReferralStatus.REFUSED);
        fixtures.order(friend, "S2", "2027-03-11 09:00", "100");
        qualification.run(List.of(friend.id()));

        assertThat(referrals.of(friend.id()).orElseThrow().reason()).isEqualTo(ReferralReason.BELOW_MINIMUM);
        assertThat(fixtures.transactions(referrer.id(), LoyaltyReason.REFERRAL)).isZero();
        assertThat(fixtures.transactions(friend.id(), LoyaltyReason.REFERRAL)).isZero();
    }

    @Test
    void referringOneselfBySamePhoneEmailOrCustomerIsRefusedWithTheReasonKept() {
        String phone = "+86139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        Customer referrer = aCustomer(phone, "self-" + fixtures.token + "@example.com");
        Customer samePhone = aCustomer(null, null);
        Customer sameEmail = aCustomer(null, null);
        // two profiles of one person, as imports from two systems leave them before anyone merges them
        copyContact(referrer, samePhone, "phone");
        copyContact(referrer, sameEmail, "email");
        String code = referrals.codeOf(referrer.id());

        var byPhone = counter.post("/api/v1/loyalty/referrals", Map.of("code", code, "customerId", samePhone.id()));
        var byEmail = counter.post("/api/v1/loyalty/referrals", Map.of("code", code, "customerId", sameEmail.id()));
        var own = counter.post("/api/v1/loyalty/referrals", Map.of("code", code, "customerId", referrer.id()));

        assertThat(byPhone.status()).isEqualTo(409);
        assertThat(byPhone.body().get("reason").asString()).isEqualTo("SAME_PHONE");
        assertThat(byEmail.status()).isEqualTo(409);
        assertThat(byEmail.body().get("reason").asString()).isEqualTo("SAME_EMAIL");
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.body().get("reason").asString()).isEqualTo("SAME_CUSTOMER");
        assertThat(referrals.of(samePhone.id()).orElseThrow().status()).isEqualTo(ReferralStatus.REFUSED);
        assertThat(referrals.of(sameEmail.id()).orElseThrow().reason()).isEqualTo(ReferralReason.SAME_EMAIL);

        fixtures.order(samePhone, "P1", "2027-03-10 09:00", "100");
        qualification.run(List.of(samePhone.id()));
        assertThat(fixtures.transactions(referrer.id(), LoyaltyReason.REFERRAL)).isZero();
        assertThat(fixtures.transactions(samePhone.id(), LoyaltyReason.REFERRAL))
                .isZero();
    }

    @Test
    void theDailyCapHoldsWhenFriendsQualifyAtOnce() throws Exception {
        referrals.update(new ReferralSettings.Change(true, 100, 50, new BigDecimal("30"), 3));
        Customer referrer = aCustomer(null, null);
        List<Customer> friends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Customer friend = aCustomer(null, null);
            referrals.attach(referrals.codeOf(referrer.id()), friend.id());
            friends.add(friend);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < friends.size(); i++) {
                Customer friend = friends.get(i);
                fixtures.order(friend, "D" + i, "2027-03-10 09:00", "100");
                done.add(pool.submit(() -> {
                    start.await();
                    return qualification.run(List.of(friend.id()));
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        for (Customer friend : friends) {
            awaitDecided(friend);
        }

        long qualified = friends.stream()
                .filter(f -> referrals.of(f.id()).orElseThrow().status() == ReferralStatus.QUALIFIED)
                .count();
        long capped = friends.stream()
                .filter(f -> referrals.of(f.id()).orElseThrow().reason() == ReferralReason.DAILY_CAP)
                .count();
        assertThat(qualified).isEqualTo(3);
        assertThat(capped).isEqualTo(5);
        assertThat(fixtures.transactions(referrer.id(), LoyaltyReason.REFERRAL)).isEqualTo(3);
        assertThat(referralPoints(referrer)).isEqualTo(300);
    }

    @Test
    void aRefundOfTheQualifyingOrderReversesBothRewards() {
        Customer referrer = aCustomer(null, null);
        Customer friend = aCustomer(null, null);
        referrals.attach(referrals.codeOf(referrer.id()), friend.id());
        fixtures.order(friend, "R1", "2027-03-10 09:00", "88");
        awaitStatus(friend, ReferralStatus.QUALIFIED);

        fixtures.order(friend, "R1", "2027-03-10 09:00", "88", ",\"status\":\"refunded\"");
        awaitStatus(friend, ReferralStatus.REVERSED);
        qualification.run(List.of(friend.id()));

        assertThat(referrals.of(friend.id()).orElseThrow().reason()).isEqualTo(ReferralReason.ORDER_REFUNDED);
        assertThat(reversals(referrer, "referral:" + friend.id() + ":referrer:reversed"))
                .isEqualTo(1);
        assertThat(reversals(friend, "referral:" + friend.id() + ":friend:reversed"))
                .isEqualTo(1);
        assertThat(referralPoints(referrer)).isZero();
        assertThat(referralPoints(friend)).isZero();
        assertThat(jdbc.sql("select count(*) from loyalty_transactions where customer_id in (?, ?)"
                                + " and idempotency_key like 'referral:%'")
                        .params(referrer.id(), friend.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void badInputIsA4xxThatWritesNothing() {
        Customer referrer = aCustomer(null, null);
        Customer friend = aCustomer(null, null);
        String code = referrals.codeOf(referrer.id());

        var noCode = counter.post("/api/v1/loyalty/referrals", Map.of("customerId", friend.id()));
        var noFriend = counter.post("/api/v1/loyalty/referrals", Map.of("code", code));
        var unknownFriend = counter.post("/api/v1/loyalty/referrals", Map.of("code", code, "customerId", 999_999_999L));
        var badSettings = admin.put(
                "/api/v1/loyalty/referral-settings",
                Map.of("enabled", true, "referrerPoints", -1, "friendPoints", 5, "minimumAmount", 10, "dailyCap", 0));

        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.body().get("errors").get(0).get("field").asString()).isEqualTo("code");
        assertThat(noFriend.status()).isEqualTo(400);
        assertThat(noFriend.body().get("errors").get(0).get("field").asString()).isEqualTo("customerId");
        assertThat(unknownFriend.status()).isEqualTo(404);
        assertThat(badSettings.status()).isEqualTo(400);
        assertThat(badSettings.body().toString()).contains("referrerPoints", "dailyCap");
        assertThat(referrals.settings().referrerPoints()).isEqualTo(100);
        assertThat(referrals.of(friend.id())).isEmpty();
        assertThat(referrals.byReferrer(referrer.id())).isEmpty();
    }

    private Customer aCustomer(String phone, String email) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "好友" + fixtures.token + "-" + System.nanoTime(),
                phone,
                email != null ? email : "friend-" + System.nanoTime() + "-" + fixtures.token + "@example.com",
                null,
                null,
                "杭州",
                null,
                null,
                null,
                null,
                null,
                "referral-test",
                Map.of()));
    }

    private void copyContact(Customer from, Customer to, String field) {
        jdbc.sql(
                        "update customers t set %1$s = f.%1$s, %1$s_bidx = f.%1$s_bidx from customers f where f.id = ? and t.id = ?"
                                .formatted(field))
                .params(from.id(), to.id())
                .update();
    }

    private void awaitStatus(Customer friend, ReferralStatus status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> referrals.of(friend.id()).orElseThrow().status() == status);
    }

    private void awaitDecided(Customer friend) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> referrals.of(friend.id()).orElseThrow().status() != ReferralStatus.PENDING);
    }

    /** The member's points from referrals, given and taken back (whatever their orders earn). */
    private long referralPoints(Customer member) {
        return jdbc.sql("""
                        select coalesce(sum(e.points), 0) from loyalty_entries e
                        join loyalty_transactions t on t.customer_id = e.customer_id and t.id = e.transaction_id
                        where t.customer_id = ? and t.idempotency_key like 'referral:%'
                          and e.account in ('ACTIVE', 'PENDING')""").param(member.id()).query(Long.class).single();
    }

    private long reversals(Customer member, String key) {
        return jdbc.sql("select count(*) from loyalty_transactions where customer_id = ? and idempotency_key = ?"
                        + " and reason = 'REFUND'")
                .params(member.id(), key)
                .query(Long.class)
                .single();
    }

    private long qualifiedEvents(Customer member) {
        return jdbc.sql("select count(*) from events where customer_id = ? and type = 'referral_qualified'")
                .param(member.id())
                .query(Long.class)
                .single();
    }
}

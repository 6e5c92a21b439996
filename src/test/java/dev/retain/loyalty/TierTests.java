package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CampaignStatus;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Conditions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Tiers on a moved clock: upgrades at once (several tiers in one move), pending points that do not count until
 * spendable, spending that never lowers a tier, a downgrade only at the review after the grace with one reminder
 * saying what is needed, the earning multiplier of the tier at the time of the order, the welcome coupon once per
 * upgrade, the birthday gift once a year, the history and the events, and the condition fields.
 */
@LoyaltyTest
class TierTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    LoyaltyTiers tiers;

    @Autowired
    Loyalty loyalty;

    @Autowired
    NightlyLoyaltyRun nightly;

    @Autowired
    TiersFollow follow;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    LedgerCheck check;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    Conditions conditions;

    @Autowired
    ObjectMapper json;

    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-03-10T02:00:00Z"));
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
        fixtures.programme(0, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
    }

    @AfterEach
    void noTiersLeft() {
        assertThat(check.run().problems()).isEmpty();
        tiers.update(new LoyaltyTiers.Change(TierBasis.POINTS, 12, 12, 30, 14, List.of()));
        clock.set(null);
    }

    @Test
    void aMemberMovesUpAtOnceThroughSeveralTiers() {
        fourTiers(BigDecimal.ONE, null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "U1", "2027-03-10 09:00", "80");
        fixtures.awaitOrderPoints("U1", 80);
        assertThat(tiers.member(member.id()).tier()).isEqualTo("普通");

        fixtures.order(member, "U2", "2027-03-10 09:10", "600");
        fixtures.awaitOrderPoints("U2", 600);
        MemberTier tier = tiers.member(member.id());
        assertThat(tier.tier()).isEqualTo("金卡");
        assertThat(tier.qualifyingValue()).isEqualByComparingTo("680");
        assertThat(tier.reviewOn()).isEqualTo(LocalDate.of(2028, 3, 10));
        assertThat(tier.next().tier()).isEqualTo("黑金");
        assertThat(tier.next().needed()).isEqualByComparingTo("1320");

        assertThat(history(member.id())).containsExactly("UP: - → 普通", "UP: 普通 → 金卡");
        assertThat(events(member.id(), TierReview.TIER_CHANGED)).isEqualTo(2);
        assertThat(jdbc.sql("""
                        select properties ->> 'from' || '>' || (properties ->> 'to') || ':' || (properties ->> 'direction')
                        from events where customer_id = ? and type = ? order by occurred_at desc, id desc limit 1""")
                        .params(member.id(), TierReview.TIER_CHANGED)
                        .query(String.class)
                        .single())
                .isEqualTo("普通>金卡:UP");

        // the nightly run finds nothing more to do
        nightly.run();
        assertThat(history(member.id())).hasSize(2);
    }

    @Test
    void pendingPointsCountOnlyOnceSpendable() {
        fixtures.programme(7, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
        fourTiers(BigDecimal.ONE, null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "P1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("P1", 600);
        assertThat(tiers.member(member.id()))
                .extracting(MemberTier::tier, MemberTier::qualifyingValue)
                .containsExactly("普通", BigDecimal.ZERO);

        clock.advance(Duration.ofDays(8));
        assertThat(tiers.member(member.id()).qualifyingValue()).isEqualByComparingTo("600");
        assertThat(nightly.run().tiersUp()).isGreaterThanOrEqualTo(1);
        assertThat(tiers.member(member.id()).tier()).isEqualTo("金卡");
    }

    @Test
    void betweenWeeklyReviewsOfEveryMemberTheNightLooksAtThoseChangedOrDue() {
        fixtures.programme(3, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
        fourTiers(BigDecimal.ONE, null, 0);
        jdbc.sql("update loyalty_tier_settings set fully_reviewed_on = null").update();
        nightly.run();
        assertThat(fullyReviewedOn()).isEqualTo(LocalDate.of(2027, 3, 10));
        Customer member = fixtures.aMember();
        fixtures.order(member, "W1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("W1", 600);

        // four days on the points are spendable: the night's activation makes the member one to look at
        clock.advance(Duration.ofDays(4));
        nightly.run();
        assertThat(fullyReviewedOn()).as("only those changed or due").isEqualTo(LocalDate.of(2027, 3, 10));
        MemberTier upgraded = tiers.member(member.id());
        assertThat(upgraded.tier()).isEqualTo("金卡");
        assertThat(upgraded.reviewOn()).isEqualTo(LocalDate.of(2028, 3, 14));

        // a year on, a review of every member, then on the review day only those due: the grace starts
        at("2028-03-08T18:00:00Z");
        nightly.run();
        assertThat(fullyReviewedOn()).isEqualTo(LocalDate.of(2028, 3, 9));
        assertThat(tiers.member(member.id()).graceUntil()).isNull();
        at("2028-03-13T18:00:00Z");
        nightly.run();
        assertThat(fullyReviewedOn()).isEqualTo(LocalDate.of(2028, 3, 9));
        assertThat(tiers.member(member.id()))
                .extracting(MemberTier::tier, MemberTier::graceUntil)
                .containsExactly("金卡", LocalDate.of(2028, 4, 13));
    }

    @Test
    void spendingPointsNeverLowersTheTier() {
        fourTiers(BigDecimal.ONE, null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "S1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("S1", 600);
        loyalty.redeem(member.id(), key(), 590, "a kettle");

        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(10);
        assertThat(tiers.member(member.id()).qualifyingValue()).isEqualByComparingTo("600");
        clock.advance(Duration.ofDays(2));
        nightly.run();
        assertThat(tiers.member(member.id()).tier()).isEqualTo("金卡");
    }

    @Test
    void aRefundTakesBackTheQualifyingPointsButTheTierWaitsForTheReview() {
        fourTiers(BigDecimal.ONE, null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "R1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("R1", 600);
        fixtures.order(member, "R1", "2027-03-10 09:00", "600", ",\"status\":\"REFUNDED\"");
        fixtures.awaitOrderPoints("R1", 0);

        assertThat(tiers.member(member.id()))
                .extracting(MemberTier::tier, MemberTier::qualifyingValue)
                .containsExactly("金卡", BigDecimal.ZERO);
    }

    @Test
    void aMemberBelowTheThresholdMovesDownOnlyAfterTheReviewAndItsGraceRemindedOnce() {
        fourTiers(BigDecimal.ONE, null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "D1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("D1", 600);
        assertThat(tiers.member(member.id()).tier()).isEqualTo("金卡");

        // the points leave the window on the review day: the grace of 30 days starts, the tier stays
        at("2028-03-09T18:00:00Z");
        nightly.run();
        MemberTier reviewed = tiers.member(member.id());
        assertThat(reviewed.tier()).isEqualTo("金卡");
        assertThat(reviewed.qualifyingValue()).isEqualByComparingTo("0");
        assertThat(reviewed.graceUntil()).isEqualTo(LocalDate.of(2028, 4, 9));
        assertThat(events(member.id(), TierReview.WILL_DOWNGRADE)).isZero();

        // 14 days before the grace ends: reminded once, with what is needed to keep the tier
        fixtures.order(member, "D2", "2028-03-20 10:00", "120");
        fixtures.awaitOrderPoints("D2", 120);
        at("2028-03-25T18:00:00Z");
        nightly.run();
        at("2028-03-26T18:00:00Z");
        nightly.run();
        assertThat(events(member.id(), TierReview.WILL_DOWNGRADE)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select (properties ->> 'tier') || ':' || (properties ->> 'needed') || ':'
                               || (properties ->> 'review_date') || ':' || (properties ->> 'downgrade_on')
                        from events where customer_id = ? and type = ?""")
                        .params(member.id(), TierReview.WILL_DOWNGRADE)
                        .query(String.class)
                        .single())
                .isEqualTo("金卡:380:2028-03-10:2028-04-09");
        assertThat(tiers.member(member.id()).tier()).isEqualTo("金卡");

        // the grace is over, still below: down to the tier the value qualifies for
        at("2028-04-08T18:00:00Z");
        assertThat(nightly.run().tiersDown()).isGreaterThanOrEqualTo(1);
        MemberTier down = tiers.member(member.id());
        assertThat(down.tier()).isEqualTo("银卡");
        assertThat(down.graceUntil()).isNull();
        assertThat(down.reviewOn()).isEqualTo(LocalDate.of(2029, 4, 9));
        assertThat(history(member.id())).containsExactly("UP: - → 金卡", "DOWN: 金卡 → 银卡");
        assertThat(events(member.id(), TierReview.TIER_CHANGED)).isEqualTo(2);

        nightly.run();
        assertThat(history(member.id())).hasSize(2);
        assertThat(events(member.id(), TierReview.WILL_DOWNGRADE)).isEqualTo(1);
    }

    @Test
    void aMemberBackAboveTheThresholdDuringTheGraceKeepsTheTier() {
        fourTiers(BigDecimal.ONE, null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "K1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("K1", 600);
        at("2028-03-09T18:00:00Z");
        nightly.run();
        assertThat(tiers.member(member.id()).graceUntil()).isNotNull();

        fixtures.order(member, "K2", "2028-03-20 10:00", "500");
        fixtures.awaitOrderPoints("K2", 500);
        at("2028-04-08T18:00:00Z");
        nightly.run();
        MemberTier kept = tiers.member(member.id());
        assertThat(kept.tier()).isEqualTo("金卡");
        assertThat(kept.graceUntil()).isNull();
        assertThat(kept.reviewOn()).isEqualTo(LocalDate.of(2029, 3, 10));
        assertThat(history(member.id())).containsExactly("UP: - → 金卡");
    }

    @Test
    void ordersEarnWithTheMultiplierOfTheTierAtTheTimeOfTheOrder() {
        fourTiers(new BigDecimal("1.5"), null, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "M1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("M1", 600);
        assertThat(tiers.member(member.id()).benefits().earningMultiplier()).isEqualByComparingTo("1.5");

        fixtures.order(member, "M2", "2027-03-10 11:00", "101");
        fixtures.awaitOrderPoints("M2", 151);
        assertThat(jdbc.sql("select note from loyalty_transactions where customer_id = ? and order_id = ?")
                        .params(member.id(), fixtures.orderId("M2"))
                        .query(String.class)
                        .single())
                .isEqualTo("金卡 ×1.5");

        // a return takes back by the multiplier the order earned with
        fixtures.order(member, "M2", "2027-03-10 11:00", "101", ",\"status\":\"REFUNDED\"");
        fixtures.awaitOrderPoints("M2", 0);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(600);
    }

    @Test
    void anUpgradeBringsTheTiersWelcomeCouponOnce() {
        long campaign = campaigns
                .create(new CampaignDraft(
                        "升级礼 " + UUID.randomUUID(),
                        "welcome to the tier",
                        CampaignKind.FIXED,
                        new BigDecimal("20"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        30,
                        null,
                        5,
                        CampaignStatus.ACTIVE))
                .id();
        fourTiers(BigDecimal.ONE, campaign, 0);
        Customer member = fixtures.aMember();
        fixtures.order(member, "W1", "2027-03-10 09:00", "600");
        fixtures.awaitOrderPoints("W1", 600);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(coupons(member.id(), campaign)).isEqualTo(1));
        TierChange upgrade = jdbc.sql("""
                        select id from loyalty_tier_history where customer_id = ? and to_tier = '金卡'""").param(member.id()).query(Long.class).list().stream()
                .map(id -> new TierChange(
                        member.id(), id, null, "金卡", tiers.tiers().get(2).id(), TierDirection.UP, null, null))
                .findFirst()
                .orElseThrow();
        // the reaction again (a retry) issues nothing more
        follow.on(new TiersChanged(List.of(upgrade)));
        nightly.run();
        assertThat(coupons(member.id(), campaign)).isEqualTo(1);
    }

    @Test
    void aTiersBirthdayGiftComesOnceAYearInTheBirthdayMonth() {
        fourTiers(BigDecimal.ONE, null, 88);
        Customer member = customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "寿星" + fixtures.token,
                null,
                "birthday-" + fixtures.token + "@example.com",
                null,
                LocalDate.of(1990, 3, 21),
                "上海",
                null,
                null,
                null,
                null,
                null,
                "loyalty-test",
                Map.of()));
        Customer other = fixtures.aMember();
        fixtures.order(member, "B1", "2027-03-10 09:00", "50");
        fixtures.order(other, "B2", "2027-03-10 09:00", "50");
        fixtures.awaitOrderPoints("B1", 50);
        fixtures.awaitOrderPoints("B2", 50);

        nightly.run();
        nightly.run();
        assertThat(birthdayGifts(member.id())).containsExactly("birthday:" + member.id() + ":2027");
        assertThat(birthdayGifts(other.id())).isEmpty();
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(138);

        at("2027-04-02T02:00:00Z");
        nightly.run();
        at("2028-03-01T02:00:00Z");
        nightly.run();
        nightly.run();
        // the gift is earned points: it took the member to 银卡, whose gift it is now
        assertThat(tiers.member(member.id()).tier()).isEqualTo("银卡");
        assertThat(birthdayGifts(member.id()))
                .containsExactly("birthday:" + member.id() + ":2027", "birthday:" + member.id() + ":2028");
    }

    @Test
    void theTierAndItsQualifyingValueAreConditionFields() {
        fourTiers(BigDecimal.ONE, null, 0);
        Customer gold = fixtures.aMember();
        Customer silver = fixtures.aMember();
        Customer none = fixtures.aMember();
        fixtures.order(gold, "C1", "2027-03-10 09:00", "700");
        fixtures.order(silver, "C2", "2027-03-10 09:00", "150");
        fixtures.awaitOrderPoints("C1", 700);
        fixtures.awaitOrderPoints("C2", 150);
        List<Long> among = List.of(gold.id(), silver.id(), none.id());

        assertThat(matching("{\"field\": \"loyalty.tier\", \"op\": \"eq\", \"value\": \"金卡\"}", among))
                .containsExactly(gold.id());
        assertThat(matching("{\"field\": \"loyalty.tier\", \"op\": \"is_empty\"}", among))
                .containsExactly(none.id());
        assertThat(matching("{\"field\": \"loyalty.tier_qualifying_value\", \"op\": \"gte\", \"value\": 150}", among))
                .containsExactlyInAnyOrder(gold.id(), silver.id());
        assertThat(matching("{\"field\": \"loyalty.tier_qualifying_value\", \"op\": \"eq\", \"value\": 0}", among))
                .containsExactly(none.id());
    }

    @Test
    void spendAndOrdersQualifyToo() {
        tiers.update(
                new LoyaltyTiers.Change(TierBasis.ORDERS, 12, 12, 30, 14, List.of(tier("一单", "1"), tier("三单", "3"))));
        Customer member = fixtures.aMember();
        fixtures.order(member, "O1", "2027-03-01 09:00", "10");
        fixtures.order(member, "O2", "2027-03-02 09:00", "10");
        fixtures.awaitOrderPoints("O2", 10);
        assertThat(tiers.member(member.id()).tier()).isEqualTo("一单");
        fixtures.order(member, "O3", "2027-03-03 09:00", "10");
        fixtures.awaitOrderPoints("O3", 10);
        assertThat(tiers.member(member.id()))
                .extracting(MemberTier::tier, MemberTier::qualifyingValue)
                .containsExactly("三单", new BigDecimal("3"));

        tiers.update(new LoyaltyTiers.Change(TierBasis.SPEND, null, null, null, null, List.of(tier("千元", "1000"))));
        assertThat(tiers.member(member.id()).qualifyingValue()).isEqualByComparingTo("30");
    }

    private void fourTiers(BigDecimal goldMultiplier, Long goldCampaign, long birthdayPoints) {
        tiers.update(new LoyaltyTiers.Change(
                TierBasis.POINTS,
                12,
                12,
                30,
                14,
                List.of(
                        new Tier(null, "普通", BigDecimal.ZERO, BigDecimal.ONE, null, birthdayPoints, false),
                        new Tier(null, "银卡", new BigDecimal("100"), BigDecimal.ONE, null, birthdayPoints, false),
                        new Tier(null, "金卡", new BigDecimal("500"), goldMultiplier, goldCampaign, 0L, true),
                        tier("黑金", "2000"))));
    }

    private static Tier tier(String name, String threshold) {
        return new Tier(null, name, new BigDecimal(threshold), BigDecimal.ONE, null, 0L, false);
    }

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }

    private LocalDate fullyReviewedOn() {
        return jdbc.sql("select fully_reviewed_on from loyalty_tier_settings")
                .query(LocalDate.class)
                .single();
    }

    private List<String> history(long customerId) {
        return jdbc.sql("""
                        select direction || ': ' || coalesce(from_tier, '-') || ' → ' || coalesce(to_tier, '-')
                        from loyalty_tier_history where customer_id = ? order by id""").param(customerId).query(String.class).list();
    }

    private long events(long customerId, String type) {
        return jdbc.sql("select count(*) from events where customer_id = ? and type = ?")
                .params(customerId, type)
                .query(Long.class)
                .single();
    }

    private long coupons(long customerId, long campaign) {
        return jdbc.sql("select count(*) from coupons where customer_id = ? and campaign_id = ?")
                .params(customerId, campaign)
                .query(Long.class)
                .single();
    }

    private List<String> birthdayGifts(long customerId) {
        return jdbc.sql("""
                        select idempotency_key from loyalty_transactions
                        where customer_id = ? and idempotency_key like 'birthday:%' order by id""").param(customerId).query(String.class).list();
    }

    private List<Long> matching(String condition, List<Long> among) {
        return conditions.matchingAmong(conditions.parse(json.readTree(condition)), among);
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}

package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
 * A merged customer's badges, tier and referral follow them to the survivor: the survivor holds the badge, the higher
 * tier with its history, and the referral between the two — now one person — is refused as MERGED.
 */
@LoyaltyTest
class StatusFollowsMergesTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    LoyaltyTiers tiers;

    @Autowired
    Badges badges;

    @Autowired
    BadgeAwarding awarding;

    @Autowired
    Referrals referrals;

    @Autowired
    CustomerMerges merges;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    ObjectMapper json;

    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-04-01T02:00:00Z"));
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
        fixtures.programme(0, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
        referrals.update(new ReferralSettings.Change(true, 100, 50, new BigDecimal("30"), 10));
        tiers.update(new LoyaltyTiers.Change(
                TierBasis.POINTS,
                12,
                12,
                30,
                14,
                List.of(
                        new Tier(null, "普通", BigDecimal.ZERO, null, null, null, null),
                        new Tier(null, "银卡", new BigDecimal("100"), null, null, null, null))));
    }

    @AfterEach
    void tearDown() {
        tiers.update(new LoyaltyTiers.Change(TierBasis.POINTS, 12, 12, 30, 14, List.of()));
        referrals.update(new ReferralSettings.Change(false, 0, 0, BigDecimal.ZERO, 10));
        clock.set(null);
    }

    @Test
    void theMergedCustomersBadgeTierAndReferralFollowThemToTheSurvivor() {
        Customer survivor = fixtures.aMember();
        Customer merged = fixtures.aMember();
        loyalty.earn(survivor.id(), key(), 10, LoyaltyReason.CAMPAIGN, null);
        loyalty.earn(merged.id(), key(), 150, LoyaltyReason.CAMPAIGN, null);
        Badge badge = badges.create(new BadgeDraft("合并徽章 " + fixtures.token, null, 0, true, json.readTree("""
                        {"field": "profile.city", "op": "eq", "value": "上海"}""")));
        awarding.run(List.of(merged.id()));
        referrals.attach(referrals.codeOf(survivor.id()), merged.id());
        assertThat(tierOf(merged)).isEqualTo("银卡");
        assertThat(tierOf(survivor)).isEqualTo("普通");

        merges.merge(survivor.id(), merged.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> "银卡".equals(tierOf(survivor)));
        assertThat(count(
                        "select count(*) from loyalty_member_badges where customer_id = ? and badge_id = ?",
                        survivor.id(),
                        badge.id()))
                .isEqualTo(1);
        assertThat(count("select count(*) from loyalty_member_badges where customer_id = ?", merged.id()))
                .isZero();
        assertThat(count("select count(*) from loyalty_tier_history where customer_id = ?", survivor.id()))
                .isGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from loyalty_member_tiers where customer_id = ?", merged.id()))
                .isZero();
        assertThat(jdbc.sql("select status || ' ' || reason from loyalty_referrals where customer_id = ?")
                        .param(survivor.id())
                        .query(String.class)
                        .single())
                .isEqualTo("REFUSED MERGED");
    }

    private String tierOf(Customer member) {
        return jdbc.sql("""
                        select t.name from loyalty_member_tiers m join loyalty_tiers t on t.id = m.tier_id
                        where m.customer_id = ?""").param(member.id()).query(String.class).optional().orElse(null);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}

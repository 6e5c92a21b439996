package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.ApiClient;
import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.Coupons;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rewards catalogue: redeeming spends the reward's points through the ledger and issues its coupon or records its
 * gift in one transaction; stock never goes below zero under concurrent redemptions; a replayed key answers the same; a
 * cancelled gift gives its points back; bad input is refused with nothing written.
 */
@LoyaltyTest
class RewardTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    Rewards rewards;

    @Autowired
    RewardRedemptions redemptions;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    Coupons coupons;

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
        clock.set(null);
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
    }

    private Customer aMemberWith(long points) {
        Customer member = fixtures.aMember();
        loyalty.earn(member.id(), "grant-" + fixtures.token + "-" + member.id(), points, LoyaltyReason.CAMPAIGN, null);
        return member;
    }

    private Reward aGift(long points, Integer stock) {
        return rewards.create(new RewardDraft(
                "保温杯 " + fixtures.token + "-" + System.nanoTime(), null, RewardKind.GIFT, null, points, stock, null));
    }

    private long transactions(long customerId) {
        return jdbc.sql("select count(*) from loyalty_transactions where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
    }

    private long rewardRows(long customerId) {
        return jdbc.sql("select count(*) from loyalty_reward_redemptions where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
    }

    @Test
    void concurrentRedemptionsNeverTakeTheStockBelowZeroNorOverdrawAMember() throws Exception {
        Reward gift = aGift(10, 12);
        List<Customer> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(aMemberWith(25)); // enough for two each
        }
        List<Callable<String>> calls = new ArrayList<>();
        for (Customer member : members) {
            for (int j = 0; j < 3; j++) {
                String key = "stock-" + fixtures.token + "-" + member.id() + "-" + j;
                calls.add(() -> {
                    try {
                        redemptions.redeem(member.id(), gift.id(), key);
                        return "ok";
                    } catch (NotEnoughPointsException e) {
                        return "points";
                    } catch (ConflictException e) {
                        return e.getMessage().contains("out of stock") ? "stock" : e.getMessage();
                    }
                });
            }
        }
        List<String> outcomes = atOnce(calls);

        assertThat(outcomes).containsOnly("ok", "points", "stock");
        assertThat(outcomes.stream().filter("ok"::equals)).hasSize(12);
        assertThat(outcomes).contains("stock");
        assertThat(rewards.find(gift.id()).stock()).isZero();
        long rows = jdbc.sql("select count(*) from loyalty_reward_redemptions where reward_id = ?")
                .param(gift.id())
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(12);
        for (Customer member : members) {
            Wallet wallet = loyalty.wallet(member.id());
            assertThat(wallet.active()).isGreaterThanOrEqualTo(0);
            assertThat(wallet.active()).isEqualTo(25 - 10 * rewardRows(member.id()));
        }
        assertThat(check.run().problems()).isEmpty();
    }

    @Test
    void aCouponRewardIssuesOneCouponPerKeyAndAReplayAnswersTheSame() {
        CouponCampaign campaign = campaigns.create(new CampaignDraft(
                "积分换券 " + fixtures.token,
                null,
                CampaignKind.FIXED,
                new BigDecimal("10"),
                null,
                null,
                null,
                null,
                null,
                30,
                null,
                5,
                null));
        Reward reward = rewards.create(
                new RewardDraft("十元券 " + fixtures.token, "¥10 off", RewardKind.COUPON, campaign.id(), 40L, null, null));
        Customer member = aMemberWith(100);
        String key = "coupon-" + fixtures.token;

        RewardRedeemed first = redemptions.redeem(member.id(), reward.id(), key);
        RewardRedeemed again = redemptions.redeem(member.id(), reward.id(), key);

        assertThat(first.points().replayed()).isFalse();
        assertThat(first.redemption().couponCode()).isNotBlank();
        assertThat(first.points().active()).isEqualTo(60);
        assertThat(again.points().replayed()).isTrue();
        assertThat(again.redemption().transactionId())
                .isEqualTo(first.redemption().transactionId());
        assertThat(again.redemption().couponId()).isEqualTo(first.redemption().couponId());
        assertThat(again.redemption().couponCode()).isEqualTo(first.redemption().couponCode());
        assertThat(coupons.heldBy(member.id())).hasSize(1);
        assertThat(coupons.heldBy(member.id()).get(0).sourceRef())
                .isEqualTo(RewardRedemptions.COUPON_SOURCE + reward.id());
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(60);
        LedgerLine line = loyalty.linesBefore(member.id(), null, 1).get(0);
        assertThat(line.reason()).isEqualTo(LoyaltyReason.REDEMPTION);
        assertThat(line.activeChange()).isEqualTo(-40);
        assertThat(jdbc.sql("select properties ->> 'reward' from events where customer_id = ? and type = ?")
                        .params(member.id(), RewardRedemptions.REDEEMED_EVENT)
                        .query(String.class)
                        .list())
                .as("one event for journeys, not one per replay")
                .containsExactly(reward.name());

        // the same key for another reward is refused
        Reward other = aGift(40, null);
        assertThatThrownBy(() -> redemptions.redeem(member.id(), other.id(), key))
                .isInstanceOf(ConflictException.class);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(60);
    }

    @Test
    void aCouponThatCannotBeIssuedSpendsNothing() {
        CouponCampaign campaign = campaigns.create(new CampaignDraft(
                "一次券 " + fixtures.token,
                null,
                CampaignKind.FIXED,
                new BigDecimal("5"),
                null,
                null,
                null,
                null,
                null,
                30,
                null,
                1,
                null));
        Reward reward = rewards.create(
                new RewardDraft("五元券 " + fixtures.token, null, RewardKind.COUPON, campaign.id(), 10L, 5, null));
        Customer member = aMemberWith(100);
        redemptions.redeem(member.id(), reward.id(), "once-" + fixtures.token);
        long before = transactions(member.id());

        assertThatThrownBy(() -> redemptions.redeem(member.id(), reward.id(), "twice-" + fixtures.token))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot be issued");

        assertThat(transactions(member.id())).isEqualTo(before);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(90);
        assertThat(rewards.find(reward.id()).stock()).isEqualTo(4);
        assertThat(coupons.heldBy(member.id())).hasSize(1);
    }

    @Test
    void cancellingAGiftNotSentGivesThePointsAndTheStockBack() {
        Reward gift = aGift(30, 3);
        Customer member = aMemberWith(50);
        RewardRedeemed redeemed = redemptions.redeem(member.id(), gift.id(), "gift-" + fixtures.token);
        long tx = redeemed.redemption().transactionId();
        assertThat(redeemed.redemption().status()).isEqualTo(GiftStatus.NEW);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(20);
        assertThat(rewards.find(gift.id()).stock()).isEqualTo(2);

        RewardRedemption cancelled = redemptions.cancel(member.id(), tx);

        assertThat(cancelled.status()).isEqualTo(GiftStatus.CANCELLED);
        assertThat(cancelled.returnedBy()).isNotNull();
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(50);
        assertThat(rewards.find(gift.id()).stock()).isEqualTo(3);
        LedgerLine back = loyalty.linesBefore(member.id(), null, 1).get(0);
        assertThat(back.reason()).isEqualTo(LoyaltyReason.REDEMPTION);
        assertThat(back.activeChange()).isEqualTo(30);
        // the spend stays on the ledger: nothing is deleted
        assertThat(transactions(member.id())).isEqualTo(3);
        // cancelling again changes nothing; a cancelled gift cannot be sent
        redemptions.cancel(member.id(), tx);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(50);
        assertThatThrownBy(() -> redemptions.markSent(member.id(), tx)).isInstanceOf(ConflictException.class);
        // the points that came back can be spent again
        redemptions.redeem(member.id(), gift.id(), "gift-again-" + fixtures.token);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(20);
        assertThat(check.run().problems()).isEmpty();
    }

    @Test
    void aSentGiftCannotBeCancelled() {
        Reward gift = aGift(10, null);
        Customer member = aMemberWith(10);
        long tx = redemptions
                .redeem(member.id(), gift.id(), "sent-" + fixtures.token)
                .redemption()
                .transactionId();

        assertThat(redemptions.markSent(member.id(), tx).status()).isEqualTo(GiftStatus.SENT);
        assertThat(redemptions.markSent(member.id(), tx).status()).isEqualTo(GiftStatus.SENT);
        assertThatThrownBy(() -> redemptions.cancel(member.id(), tx))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("sent already");
        assertThat(loyalty.wallet(member.id()).active()).isZero();
    }

    @Test
    void badRedemptionsAreRefusedWithNothingWritten() {
        Customer member = aMemberWith(20);
        long before = transactions(member.id());
        Reward gift = aGift(15, 1);
        Reward dear = aGift(500, null);
        Reward inactive = rewards.activate(aGift(5, null).id(), false);

        assertThatThrownBy(() -> redemptions.redeem(member.id(), 987_654_321L, "unknown-" + fixtures.token))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("rewardId"));
        assertThatThrownBy(() -> redemptions.redeem(member.id(), null, "none-" + fixtures.token))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> redemptions.redeem(member.id(), inactive.id(), "inactive-" + fixtures.token))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("not offered");
        assertThatThrownBy(() -> redemptions.redeem(member.id(), dear.id(), "dear-" + fixtures.token))
                .isInstanceOfSatisfying(
                        NotEnoughPointsException.class,
                        e -> assertThat(e.active()).isEqualTo(20));
        assertThatThrownBy(() -> redemptions.redeem(member.id(), gift.id(), " "))
                .isInstanceOf(InvalidInputException.class);
        assertThat(transactions(member.id())).isEqualTo(before);
        assertThat(rewardRows(member.id())).isZero();
        assertThat(rewards.find(gift.id()).stock()).isEqualTo(1);

        Customer other = aMemberWith(20);
        redemptions.redeem(other.id(), gift.id(), "last-" + fixtures.token);
        assertThatThrownBy(() -> redemptions.redeem(member.id(), gift.id(), "empty-" + fixtures.token))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("out of stock");
        assertThat(transactions(member.id())).isEqualTo(before);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(20);
    }

    @Test
    void badRewardsAreRefusedWithNothingWritten() {
        long before = rewards.all().size();
        assertThatThrownBy(() -> rewards.create(
                        new RewardDraft("负数 " + fixtures.token, null, RewardKind.GIFT, null, -5L, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("points"));
        assertThatThrownBy(() -> rewards.create(
                        new RewardDraft("库存 " + fixtures.token, null, RewardKind.GIFT, null, 5L, -1, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("stock"));
        assertThatThrownBy(() -> rewards.create(
                        new RewardDraft("券 " + fixtures.token, null, RewardKind.COUPON, 987_654_321L, 5L, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("campaignId"));
        assertThatThrownBy(() -> rewards.create(new RewardDraft(" ", null, null, null, 5L, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKeys("name", "kind"));
        assertThat(rewards.all()).hasSize((int) before);
    }

    @Test
    void theApiRedeemsReplaysAndAnswersProblems() {
        Reward gift = aGift(25, null);
        Customer member = aMemberWith(30);
        ApiClient counter = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
        String path = "/api/v1/loyalty/members/" + member.id() + "/reward-redemptions";
        Map<String, Object> body = Map.of("rewardId", gift.id(), "idempotencyKey", "api-" + fixtures.token);

        var first = counter.post(path, body);
        var again = counter.post(path, body);
        var poorer = counter.post(path, Map.of("rewardId", gift.id(), "idempotencyKey", "api2-" + fixtures.token));
        var unknown = counter.post(path, Map.of("rewardId", 987_654_321L, "idempotencyKey", "api3-" + fixtures.token));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("active").asLong()).isEqualTo(5);
        assertThat(first.body().get("status").asString()).isEqualTo("NEW");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("transactionId").asLong())
                .isEqualTo(first.body().get("transactionId").asLong());
        assertThat(poorer.status()).isEqualTo(409);
        assertThat(poorer.contentType()).contains("application/problem+json");
        assertThat(poorer.body().get("balance").asLong()).isEqualTo(5);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("rewardId");
        assertThat(counter.get("/api/v1/loyalty/rewards").body().toString()).contains(gift.name());
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(5);
    }

    private static List<String> atOnce(List<Callable<String>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> pending = new ArrayList<>();
            for (Callable<String> call : calls) {
                pending.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> outcome : pending) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }
}

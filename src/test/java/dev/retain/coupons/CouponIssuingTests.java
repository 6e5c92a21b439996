package dev.retain.coupons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.coupons.CouponUnavailableException.Reason;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issuing coupons: once per key, within the budget and the per-customer limit, only while the campaign issues. */
@IntegrationTest
class CouponIssuingTests {

    @Autowired
    Coupons coupons;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    CouponData data;
    CapturedCouponEvents events;

    @BeforeEach
    void setUp() {
        data = new CouponData(jdbc, campaigns, coupons);
        events = new CapturedCouponEvents(context);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void theSameIssueKeyReturnsTheCouponIssuedTheFirstTime() throws Exception {
        CouponCampaign campaign = data.aTwentyOffCampaign();
        long customer = data.aCustomer();

        IssuedCoupon first =
                coupons.issue(campaign.id(), customer, "journey:12:enrolment:345", "journey:12:enrolment:345");
        IssuedCoupon again =
                coupons.issue(campaign.id(), customer, "journey:12:enrolment:345", "journey:12:enrolment:345");

        assertThat(again).isEqualTo(first);
        assertThat(first.code()).hasSize(10);
        assertThat(first.status()).isEqualTo("ISSUED");
        assertThat(first.description()).isEqualTo("¥20 off orders over ¥100");
        assertThat(first.sourceRef()).isEqualTo("journey:12:enrolment:345");
        assertThat(coupons.heldBy(customer)).containsExactly(first);
        assertThat(coupons.find(first.code().toLowerCase())).contains(first);
        assertThat(campaigns.summary(campaign.id()).issued()).isEqualTo(1);
        assertThat(events.of(CouponIssued.class))
                .containsExactly(new CouponIssued(first.id(), campaign.id(), customer, "journey:12:enrolment:345"));
        assertThatThrownBy(() -> coupons.issue(campaign.id(), data.aCustomer(), "journey:12:enrolment:345", "x"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void concurrentIssuesGiveExactlyTheBudget() throws Exception {
        CouponCampaign campaign = data.aCampaign(CouponData.fixed("10", "0", null, 30, 5, 1));
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            customers.add(data.aCustomer());
        }
        ExecutorService threads = Executors.newFixedThreadPool(6);
        var start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (long customer : customers) {
                Callable<Boolean> issue = () -> {
                    start.await();
                    try {
                        coupons.issue(campaign.id(), customer, "budget-" + customer, "test:budget");
                        return true;
                    } catch (CouponUnavailableException e) {
                        assertThat(e.reason()).isEqualTo(Reason.BUDGET_USED_UP);
                        return false;
                    }
                };
                outcomes.add(threads.submit(issue));
            }
            start.countDown();
            long issued = 0;
            for (Future<Boolean> outcome : outcomes) {
                issued += outcome.get() ? 1 : 0;
            }
            assertThat(issued).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from coupons where campaign_id = ?")
                        .param(campaign.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(campaigns.summary(campaign.id()).issued()).isEqualTo(5);
        assertThat(campaigns.find(campaign.id()).issued()).isEqualTo(5);
    }

    @Test
    void withoutABudgetIssuesGoSideBySideButOneCustomerStillGetsNoMoreThanTheLimitAndABudgetSetLaterCountsThem()
            throws Exception {
        CouponCampaign campaign = data.aCampaign(CouponData.fixed("10", "0", null, 30, null, 2));
        long customer = data.aCustomer();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        var start = new CountDownLatch(1);
        long issued = 0;
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String key = "limit-" + customer + "-" + i;
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        coupons.issue(campaign.id(), customer, key, "test:limit");
                        return true;
                    } catch (CouponUnavailableException e) {
                        assertThat(e.reason()).isEqualTo(Reason.CUSTOMER_LIMIT_REACHED);
                        return false;
                    }
                }));
            }
            start.countDown();
            for (Future<Boolean> outcome : outcomes) {
                issued += outcome.get() ? 1 : 0;
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(issued).isEqualTo(2);
        assertThat(coupons.heldBy(customer)).hasSize(2);
        data.anIssuedCoupon(campaign, data.aCustomer());

        var withBudget = campaigns.update(
                campaign.id(), CouponData.fixed("10", "0", null, 30, 4, 2).withStatus(campaign.status()));
        assertThat(withBudget.issued()).isEqualTo(3);
        data.anIssuedCoupon(campaign, data.aCustomer());
        assertThatThrownBy(() -> data.anIssuedCoupon(campaign, data.aCustomer()))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BUDGET_USED_UP));
        assertThatThrownBy(() -> campaigns.update(
                        campaign.id(),
                        CouponData.fixed("10", "0", null, 30, 3, 2).withStatus(campaign.status())))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aCustomerGetsNoMoreThanTheLimitAndAVoidedCouponFreesItsPlace() throws Exception {
        CouponCampaign campaign = data.aCampaign(CouponData.fixed("10", "0", null, 30, 3, 2));
        long customer = data.aCustomer();
        data.anIssuedCoupon(campaign, customer);
        IssuedCoupon second = data.anIssuedCoupon(campaign, customer);

        assertThatThrownBy(() -> data.anIssuedCoupon(campaign, customer))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CUSTOMER_LIMIT_REACHED));

        coupons.voidCoupon(second.code());
        assertThat(coupons.find(second.code()).orElseThrow().status()).isEqualTo("VOID");
        assertThat(campaigns.find(campaign.id()).issued()).isEqualTo(1);
        assertThat(data.anIssuedCoupon(campaign, customer).status()).isEqualTo("ISSUED");
        assertThatThrownBy(() -> coupons.voidCoupon(second.code())).isInstanceOf(ConflictException.class);
    }

    @Test
    void aPausedEndedOrFinishedCampaignIssuesNothingAndSaysWhy() throws Exception {
        CouponCampaign campaign = data.aTwentyOffCampaign();
        long customer = data.aCustomer();

        campaigns.update(campaign.id(), CampaignDraft.of(campaign).withStatus(CampaignStatus.PAUSED));
        assertThatThrownBy(() -> data.anIssuedCoupon(campaign, customer))
                .isInstanceOfSatisfying(CouponUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CAMPAIGN_PAUSED);
                    assertThat(e.getMessage()).isEqualTo("the campaign is paused");
                });

        campaigns.update(campaign.id(), CampaignDraft.of(campaign).withStatus(CampaignStatus.ACTIVE));
        assertThat(data.anIssuedCoupon(campaign, customer).status()).isEqualTo("ISSUED");

        campaigns.update(campaign.id(), CampaignDraft.of(campaign).withStatus(CampaignStatus.ENDED));
        assertThatThrownBy(() -> data.anIssuedCoupon(campaign, data.aCustomer()))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CAMPAIGN_ENDED));
        assertThatThrownBy(() -> campaigns.update(
                        campaign.id(), CampaignDraft.of(campaign).withStatus(CampaignStatus.ACTIVE)))
                .isInstanceOf(ConflictException.class);

        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        CouponCampaign finished = data.aCampaign(CouponData.fixed("10", "0", yesterday, null, null, 1));
        assertThatThrownBy(() -> data.anIssuedCoupon(finished, customer))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CAMPAIGN_OVER));
    }

    @Test
    void aCouponIsValidUntilTheEarlierOfTheEndDateAndTheDaysAfterIssue() throws Exception {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(zone);
        long customer = data.aCustomer();

        IssuedCoupon byDays =
                data.anIssuedCoupon(data.aCampaign(CouponData.fixed("5", "0", null, 7, null, 1)), customer);
        IssuedCoupon byDate = data.anIssuedCoupon(
                data.aCampaign(CouponData.fixed("5", "0", today.plusDays(3), 7, null, 1)), customer);

        assertThat(byDays.expiresAt())
                .isEqualTo(today.plusDays(8).atStartOfDay(zone).toInstant());
        assertThat(byDate.expiresAt())
                .isEqualTo(today.plusDays(4).atStartOfDay(zone).toInstant());
        assertThat(coupons.heldBy(customer)).containsExactly(byDate, byDays);
    }

    @Test
    void termsStayOnceCouponsAreIssued() throws Exception {
        CouponCampaign campaign = data.aTwentyOffCampaign();
        data.anIssuedCoupon(campaign, data.aCustomer());

        var richer = CouponData.fixed("30", "100", null, 30, null, 1);
        assertThatThrownBy(() -> campaigns.update(campaign.id(), richer)).isInstanceOf(ConflictException.class);
        var renamed = new CampaignDraft(
                "回归礼",
                "老客回归",
                CampaignKind.FIXED,
                campaign.amount(),
                null,
                null,
                campaign.minSpend(),
                null,
                null,
                60,
                100,
                1,
                null);
        assertThat(campaigns.update(campaign.id(), renamed).name()).isEqualTo("回归礼");
    }
}

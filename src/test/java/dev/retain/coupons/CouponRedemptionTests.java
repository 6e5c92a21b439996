package dev.retain.coupons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.IntegrationTest;
import dev.retain.coupons.CouponUnavailableException.Reason;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Redeeming coupons at a checkout through the API and through imported orders carrying the code; expiry. */
@IntegrationTest
class CouponRedemptionTests {

    @Autowired
    Coupons coupons;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    NightlyCouponExpiry expiry;

    @Autowired
    BulkIngest bulk;

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
    void aFixedCouponNeedsTheMinimumSpendAndIsRedeemedOnce() throws Exception {
        CouponCampaign campaign = data.aTwentyOffCampaign();
        long customer = data.aCustomer();
        IssuedCoupon coupon = data.anIssuedCoupon(campaign, customer);

        assertThatThrownBy(() -> coupons.redeem(coupon.code(), new BigDecimal("99.99"), null, customer))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BELOW_MIN_SPEND));
        assertThatThrownBy(() -> coupons.redeem(coupon.code(), new BigDecimal("120"), null, data.aCustomer()))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_CUSTOMER));

        Redemption redemption = coupons.redeem(coupon.code(), new BigDecimal("120.00"), null, customer);

        assertThat(redemption.discount()).isEqualByComparingTo("20.00");
        assertThat(coupons.find(coupon.code()).orElseThrow().status()).isEqualTo("REDEEMED");
        assertThat(coupons.heldBy(customer)).isEmpty();
        assertThat(events.of(CouponRedeemed.class))
                .containsExactly(new CouponRedeemed(
                        coupon.id(), campaign.id(), customer, null, new BigDecimal("20.00"), coupon.sourceRef()));
        assertThatThrownBy(() -> coupons.redeem(coupon.code(), new BigDecimal("120"), null, null))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_REDEEMED));
        CampaignSummary summary = campaigns.summary(campaign.id());
        assertThat(summary.redeemed()).isEqualTo(1);
        assertThat(summary.discountGiven()).isEqualByComparingTo("20.00");
        assertThat(summary.redemptionRate()).isEqualTo(1.0);
    }

    @Test
    void aPercentCouponTakesItsShareUpToItsCap() throws Exception {
        CouponCampaign campaign = data.aCampaign(CouponData.percent("15", "50"));
        long customer = data.aCustomer();

        assertThat(coupons.redeem(data.anIssuedCoupon(campaign, customer).code(), new BigDecimal("200"), null, null)
                        .discount())
                .isEqualByComparingTo("30.00");
        assertThat(coupons.redeem(data.anIssuedCoupon(campaign, customer).code(), new BigDecimal("1000"), null, null)
                        .discount())
                .isEqualByComparingTo("50.00");
    }

    @Test
    void anExpiredCouponCannotBeUsedAndTheNightlyJobMarksIt() throws Exception {
        CouponCampaign campaign = data.aTwentyOffCampaign();
        long customer = data.aCustomer();
        IssuedCoupon expired = data.anExpiredCoupon(campaign, customer);
        IssuedCoupon valid = data.anIssuedCoupon(data.aTwentyOffCampaign(), customer);

        assertThat(expired.status()).isEqualTo("EXPIRED");
        assertThat(coupons.heldBy(customer)).containsExactly(valid);
        assertThatThrownBy(() -> coupons.redeem(expired.code(), new BigDecimal("500"), null, customer))
                .isInstanceOfSatisfying(
                        CouponUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COUPON_EXPIRED));

        assertThat(expiry.expireAsOf(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(storedStatus(expired)).isEqualTo("EXPIRED");
        assertThat(storedStatus(valid)).isEqualTo("ISSUED");

        expiry.expireAsOf(valid.expiresAt());
        assertThat(storedStatus(valid)).isEqualTo("EXPIRED");
    }

    @Test
    void anImportedOrderCarryingTheCodeRedeemsIt() throws Exception {
        String token = "cpn" + Long.toString(System.nanoTime(), 36);
        long customer = bulk.ingest(
                        ImportKind.CUSTOMERS, "shop", List.of(Map.of("customer_id", token, "name", token)), Map.of())
                .get(0)
                .customerId();
        CouponCampaign campaign = data.aTwentyOffCampaign();
        IssuedCoupon coupon = coupons.issue(campaign.id(), customer, token, "journey:7:enrolment:" + token);
        IssuedCoupon unused = data.anIssuedCoupon(data.aTwentyOffCampaign(), customer);
        IssuedCoupon someoneElses = data.anIssuedCoupon(campaign, data.aCustomer());
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")) + " 23:59";

        bulk.ingest(
                ImportKind.ORDERS,
                "shop",
                List.of(
                        Map.of(
                                "order_id",
                                token + "-1",
                                "customer_id",
                                token,
                                "order_date",
                                today,
                                "amount",
                                "150",
                                "coupon_code",
                                coupon.code().toLowerCase()),
                        Map.of(
                                "order_id",
                                token + "-2",
                                "customer_id",
                                token,
                                "order_date",
                                today,
                                "amount",
                                "150",
                                "coupon_code",
                                someoneElses.code())),
                Map.of());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                coupons.find(coupon.code()).orElseThrow().status())
                        .isEqualTo("REDEEMED"));
        Long orderId = jdbc.sql("select id from paid_orders_view where customer_id = ? and coupon_code = ?")
                .params(customer, coupon.code().toLowerCase())
                .query(Long.class)
                .single();
        assertThat(coupons.ofCustomer(customer))
                .filteredOn(details -> details.coupon().id() == coupon.id())
                .singleElement()
                .satisfies(details -> {
                    assertThat(details.orderId()).isEqualTo(orderId);
                    assertThat(details.discount()).isEqualByComparingTo("20.00");
                });
        assertThat(events.of(CouponRedeemed.class))
                .contains(new CouponRedeemed(
                        coupon.id(),
                        campaign.id(),
                        customer,
                        orderId,
                        new BigDecimal("20.00"),
                        "journey:7:enrolment:" + token));
        assertThat(coupons.find(unused.code()).orElseThrow().status()).isEqualTo("ISSUED");
        assertThat(coupons.find(someoneElses.code()).orElseThrow().status()).isEqualTo("ISSUED");
        assertThat(coupons.costOf("journey:7:enrolment:" + token))
                .isEqualTo(new CouponCost(1, 1, new BigDecimal("20.00"), "CNY"));
    }

    @Test
    void aLargeImportRedeemsWithOneStatementForEveryone(@Autowired OrderRedemptions redemptions) throws Exception {
        long customer = data.aCustomer();
        CouponCampaign campaign = data.aCampaign(CouponData.percent("10", null));
        IssuedCoupon coupon = data.anIssuedCoupon(campaign, customer);
        long orderId = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, coupon_code, created_at)
                        values (?, 'test', ?, now(), 'PAID', 'CNY', 88.80, 88.80, ?, now()) returning id""")
                .params(customer, "large-" + coupon.code(), coupon.code())
                .query(Long.class)
                .single();

        List<CouponRedeemed> redeemed = redemptions.redeemFromOrders(null);

        assertThat(redeemed)
                .contains(new CouponRedeemed(
                        coupon.id(), campaign.id(), customer, orderId, new BigDecimal("8.88"), coupon.sourceRef()));
        assertThat(coupons.find(coupon.code()).orElseThrow().status()).isEqualTo("REDEEMED");
    }

    private String storedStatus(IssuedCoupon coupon) {
        return jdbc.sql("select status from coupons where id = ?")
                .param(coupon.id())
                .query(String.class)
                .single();
    }
}

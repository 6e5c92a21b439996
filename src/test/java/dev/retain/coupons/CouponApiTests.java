package dev.retain.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The coupons API over HTTP: who may do what, and problems as problem+json. */
@IntegrationTest
class CouponApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    ApiClient marketer;
    ApiClient sales;
    ApiClient analyst;

    @BeforeEach
    void signIn() {
        marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
    }

    @Test
    void aCampaignIsCreatedACouponIssuedRedeemedAndCountedThroughTheApi() {
        long customer = aCustomer();
        var created = marketer.post("/api/v1/coupon-campaigns", twentyOff(2));
        assertThat(created.status()).isEqualTo(201);
        long campaign = created.body().get("id").asLong();
        assertThat(created.body().get("offer").asString()).isEqualTo("¥20 off orders over ¥100");

        var issued = sales.post(
                "/api/v1/coupon-campaigns/" + campaign + "/coupons",
                Map.of("customerId", customer, "issueKey", "k" + customer));
        assertThat(issued.status()).isEqualTo(201);
        String code = issued.body().get("code").asString();
        assertThat(issued.body().get("sourceRef").asString()).startsWith("manual:api-key:");
        assertThat(sales.post(
                                "/api/v1/coupon-campaigns/" + campaign + "/coupons",
                                Map.of("customerId", customer, "issueKey", "k" + customer))
                        .body()
                        .get("code")
                        .asString())
                .isEqualTo(code);

        var held = analyst.get("/api/v1/customers/" + customer + "/coupons");
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.body().get(0).get("coupon").get("code").asString()).isEqualTo(code);

        var tooLittle = sales.post("/api/v1/coupons/" + code + "/redemptions", Map.of("orderAmount", 80));
        assertThat(tooLittle.status()).isEqualTo(409);
        assertThat(tooLittle.contentType()).startsWith("application/problem+json");
        assertThat(tooLittle.body().get("reason").asString()).isEqualTo("BELOW_MIN_SPEND");

        var redeemed = sales.post("/api/v1/coupons/" + code + "/redemptions", Map.of("orderAmount", 120.00));
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.body().get("discount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(sales.post("/api/v1/coupons/" + code + "/redemptions", Map.of("orderAmount", 120))
                        .body()
                        .get("reason")
                        .asString())
                .isEqualTo("ALREADY_REDEEMED");

        var summary = analyst.get("/api/v1/coupon-campaigns/" + campaign);
        assertThat(summary.body().get("issued").asLong()).isEqualTo(1);
        assertThat(summary.body().get("redeemed").asLong()).isEqualTo(1);
        assertThat(analyst.get("/api/v1/coupon-campaigns/" + campaign + "/coupons?page=0&size=10")
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(analyst.get("/api/v1/coupons/" + code.toLowerCase())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("REDEEMED");
    }

    @Test
    void pausingByStatusAloneRefusesIssuesWithTheReason() {
        long customer = aCustomer();
        long campaign = marketer.post("/api/v1/coupon-campaigns", twentyOff(null))
                .body()
                .get("id")
                .asLong();

        var paused = marketer.put("/api/v1/coupon-campaigns/" + campaign, Map.of("status", "PAUSED"));
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("status").asString()).isEqualTo("PAUSED");
        assertThat(paused.body().get("amount").decimalValue()).isEqualByComparingTo("20");

        var refused = sales.post("/api/v1/coupon-campaigns/" + campaign + "/coupons", Map.of("customerId", customer));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("reason").asString()).isEqualTo("CAMPAIGN_PAUSED");
        assertThat(refused.body().get("detail").asString()).isEqualTo("the campaign is paused");

        var unlimited = marketer.put(
                "/api/v1/coupon-campaigns/" + campaign, java.util.Collections.singletonMap("budget", null));
        assertThat(unlimited.body().has("budget")).isFalse();
    }

    @Test
    void rolesDecideWhoManagesIssuesAndReads() {
        long customer = aCustomer();
        assertThat(sales.post("/api/v1/coupon-campaigns", twentyOff(null)).status())
                .isEqualTo(403);
        assertThat(analyst.post("/api/v1/coupon-campaigns", twentyOff(null)).status())
                .isEqualTo(403);
        long campaign = marketer.post("/api/v1/coupon-campaigns", twentyOff(null))
                .body()
                .get("id")
                .asLong();
        assertThat(sales.put("/api/v1/coupon-campaigns/" + campaign, Map.of("status", "ENDED"))
                        .status())
                .isEqualTo(403);

        var forbidden =
                analyst.post("/api/v1/coupon-campaigns/" + campaign + "/coupons", Map.of("customerId", customer));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        String code = ApiClient.withRoles(port, apiKeys, Role.SERVICE)
                .post("/api/v1/coupon-campaigns/" + campaign + "/coupons", Map.of("customerId", customer))
                .body()
                .get("code")
                .asString();
        assertThat(sales.post("/api/v1/coupons/" + code + "/void", Map.of()).status())
                .isEqualTo(403);
        assertThat(marketer.post("/api/v1/coupons/" + code + "/void", Map.of())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("VOID");
        assertThat(analyst.get("/api/v1/coupon-campaigns").status()).isEqualTo(200);
        assertThat(ApiClient.withToken(port, null)
                        .get("/api/v1/coupon-campaigns")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void invalidCampaignsAndUnknownCodesAreProblems() {
        var invalid = marketer.post("/api/v1/coupon-campaigns", Map.of("name", "", "kind", "PERCENT", "percent", 120));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.body().get("errors").findValuesAsString("field")).contains("name", "percent", "validUntil");

        var unknown = sales.post("/api/v1/coupons/NOSUCHCODE/redemptions", Map.of("orderAmount", 100));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(marketer.get("/api/v1/coupon-campaigns/999999999").status()).isEqualTo(404);
    }

    private long aCustomer() {
        String token = "cpnapi" + Long.toString(System.nanoTime(), 36);
        return marketer.put("/api/v1/customers/by-external-id/shop/" + token, Map.of("name", token))
                .body()
                .get("id")
                .asLong();
    }

    private static Map<String, Object> twentyOff(Integer budget) {
        var draft = new HashMap<String, Object>();
        draft.put("name", "满100减20");
        draft.put("kind", "FIXED");
        draft.put("amount", 20);
        draft.put("minSpend", 100);
        draft.put("validDaysAfterIssue", 30);
        if (budget != null) {
            draft.put("budget", budget);
        }
        return draft;
    }
}

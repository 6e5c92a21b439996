package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tiers through the API and the pages: bad tiers refused with a problem naming what is wrong and nothing written,
 * a member's tier with progress and benefits, the programme page's tiers section saved by an admin, and the tier with
 * its progress on the customer page and its moves on the timeline.
 */
@LoyaltyTest
class TierApiTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    LoyaltyTiers tiers;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    LoyaltyFixtures fixtures;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-03-10T02:00:00Z"));
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
        fixtures.programme(0, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
        tiers.update(new LoyaltyTiers.Change(
                TierBasis.POINTS,
                12,
                12,
                30,
                14,
                List.of(
                        tier("银卡", "100", "1"),
                        new Tier(null, "金卡", new BigDecimal("1000"), new BigDecimal("1.5"), null, 50L, true),
                        tier("黑金", "2000", "2"))));
    }

    @AfterEach
    void noTiersLeft() {
        tiers.update(new LoyaltyTiers.Change(TierBasis.POINTS, 12, 12, 30, 14, List.of()));
        clock.set(null);
    }

    @Test
    void badTiersAreRefusedAndNothingIsWritten() {
        var before = tiers.programme();

        var notIncreasing = admin.put(
                "/api/v1/loyalty/tiers",
                Map.of(
                        "basis",
                        "SPEND",
                        "tiers",
                        List.of(Map.of("name", "A", "threshold", 500), Map.of("name", "B", "threshold", 500))));
        assertThat(notIncreasing.status()).isEqualTo(400);
        assertThat(notIncreasing.contentType()).contains("application/problem+json");
        assertThat(notIncreasing.body().get("errors").get(0).get("field").asString())
                .isEqualTo("tiers[1].threshold");
        assertThat(notIncreasing.body().get("errors").get(0).get("message").asString())
                .contains("increase strictly");

        var negative = admin.put(
                "/api/v1/loyalty/tiers",
                Map.of("tiers", List.of(Map.of("name", "A", "threshold", 0, "multiplier", -1))));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("errors").get(0).get("field").asString()).isEqualTo("tiers[0].multiplier");

        var unknownCampaign = admin.put(
                "/api/v1/loyalty/tiers",
                Map.of("tiers", List.of(Map.of("name", "A", "threshold", 0, "welcomeCampaignId", 987654321))));
        assertThat(unknownCampaign.status()).isEqualTo(400);
        assertThat(unknownCampaign.body().get("errors").get(0).get("field").asString())
                .isEqualTo("tiers[0].welcomeCampaignId");

        var badSettings = admin.put("/api/v1/loyalty/tiers", Map.of("graceDays", -1, "windowMonths", 0));
        assertThat(badSettings.status()).isEqualTo(400);

        assertThat(tiers.programme().tiers()).isEqualTo(before.tiers());
        assertThat(tiers.settings().basis()).isEqualTo(TierBasis.POINTS);
        assertThat(tiers.settings().graceDays()).isEqualTo(30);

        assertThat(ApiClient.withRoles(port, apiKeys, Role.MARKETER)
                        .put("/api/v1/loyalty/tiers", Map.of("graceDays", 3))
                        .status())
                .isEqualTo(403);
        assertThat(admin.get("/api/v1/loyalty/tiers").body().get("tiers").size())
                .isEqualTo(3);
    }

    @Test
    void aMembersTierProgressAndBenefitsThroughTheApi() {
        Customer member = fixtures.aMember();
        fixtures.order(member, "A1", "2027-03-10 09:00", "1240");
        fixtures.awaitOrderPoints("A1", 1240);

        var answer = ApiClient.withRoles(port, apiKeys, Role.SERVICE).get("/api/v1/loyalty/members/" + member.id());
        assertThat(answer.status()).isEqualTo(200);
        var tier = answer.body().get("tier");
        assertThat(tier.get("tier").asString()).isEqualTo("金卡");
        assertThat(tier.get("qualifyingValue").asInt()).isEqualTo(1240);
        assertThat(tier.get("next").get("tier").asString()).isEqualTo("黑金");
        assertThat(tier.get("next").get("needed").asInt()).isEqualTo(760);
        assertThat(tier.get("benefits").get("earningMultiplier").asDouble()).isEqualTo(1.5);
        assertThat(tier.get("benefits").get("freeShipping").asBoolean()).isTrue();
        assertThat(tier.get("reviewOn").asString()).isEqualTo("2028-03-10");
        assertThat(answer.body().get("points").get("active").asInt()).isEqualTo(1240);

        assertThat(admin.get("/api/v1/loyalty/members/987654321").status()).isEqualTo(404);
    }

    @Test
    void anAdminEditsTheTiersOnTheProgrammePageAndTheCustomerPageShowsTheTier() {
        var page = signedIn(Role.ADMIN);
        assertThat(page.get("/admin/loyalty?lang=en").body()).contains("id=\"tiers\"", "Qualified by", "黑金");
        List<Tier> now = tiers.tiers();

        Map<String, String> form = form(
                "basis",
                "POINTS",
                "windowMonths",
                "6",
                "reviewMonths",
                "12",
                "graceDays",
                "10",
                "warningDays",
                "5",
                "rows",
                "4");
        for (int i = 0; i < now.size(); i++) {
            Tier t = now.get(i);
            form.put("id_" + i, t.id().toString());
            form.put("name_" + i, t.name());
            form.put("threshold_" + i, t.threshold().toPlainString());
            form.put("multiplier_" + i, t.multiplier().toPlainString());
            form.put("birthdayPoints_" + i, "0");
        }
        form.put("remove_2", "true");
        form.put("name_3", "钻石");
        form.put("threshold_3", "5000");
        assertThat(page.post("/admin/loyalty/tiers", "/admin/loyalty", form).statusCode())
                .isEqualTo(302);
        assertThat(tiers.tiers()).extracting(Tier::name).containsExactly("银卡", "金卡", "钻石");
        assertThat(tiers.settings().windowMonths()).isEqualTo(6);
        assertThat(page.get("/admin/loyalty?lang=en").body()).contains("Tiers saved.");

        form.put("threshold_3", "50");
        page.post("/admin/loyalty/tiers", "/admin/loyalty", form);
        assertThat(page.get("/admin/loyalty?lang=en").body()).contains("id=\"tier-errors\"", "increase strictly");
        assertThat(tiers.tiers()).extracting(Tier::name).containsExactly("银卡", "金卡", "钻石");

        Customer member = fixtures.aMember();
        fixtures.order(member, "P1", "2027-03-10 09:00", "1240");
        fixtures.awaitOrderPoints("P1", 1240);
        String profile = page.get("/customers/" + member.id() + "?lang=en").body();
        assertThat(profile).contains("id=\"member-tier\"", "金卡", "1,240 / 5,000 points to 钻石", "review on");
        assertThat(page.get("/customers/" + member.id() + "/timeline?kind=tier&lang=en")
                        .body())
                .contains("Moved up from");
    }

    private static Tier tier(String name, String threshold, String multiplier) {
        return new Tier(null, name, new BigDecimal(threshold), new BigDecimal(multiplier), null, 0L, false);
    }

    private WebSession signedIn(Role role) {
        return StaffSessions.signedIn(users, port, role);
    }

    private static Map<String, String> form(String... pairs) {
        return StaffSessions.form(pairs);
    }
}

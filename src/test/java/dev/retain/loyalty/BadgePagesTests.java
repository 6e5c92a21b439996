package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Badges and referrals on the pages: an admin saves a badge (a rule that cannot run shows its problem and saves
 * nothing), deactivates it, and sets referrals up; the customer page shows a member's badges, their referral code
 * and their referrals; the timelines of both customers show them.
 */
@LoyaltyTest
class BadgePagesTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    Badges badges;

    @Autowired
    BadgeAwarding awarding;

    @Autowired
    Referrals referrals;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    MovableClock clock;

    final String token = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void setUp() {
        clock.set(null);
    }

    @AfterEach
    void tearDown() {
        jdbc.sql("update loyalty_badges set active = false").update();
        referrals.update(new ReferralSettings.Change(false, 0, 0, BigDecimal.ZERO, 10));
    }

    @Test
    void anAdminSavesABadgeSeesABadRuleRefusedAndSetsReferralsUp() {
        var admin = signedIn(Role.ADMIN);
        String name = "页面徽章 " + token;

        var bad = admin.post(
                "/admin/loyalty/badges",
                "/admin/loyalty",
                form(
                        "name",
                        name,
                        "points",
                        "5",
                        "condition",
                        "{\"field\": \"orders.nope\", \"op\": \"gte\", \"value\": 1}"));
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("orders.nope");
        assertThat(badges.all()).noneMatch(b -> b.name().equals(name));

        admin.post(
                "/admin/loyalty/badges",
                "/admin/loyalty",
                form(
                        "name",
                        name,
                        "points",
                        "5",
                        "condition",
                        "{\"field\": \"profile.city\", \"op\": \"eq\", \"value\": \"无此城\"}"));
        Badge saved = badges.all().stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(saved.points()).isEqualTo(5);
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains(name);

        admin.post("/admin/loyalty/badges/" + saved.id() + "/active", "/admin/loyalty", form("active", "false"));
        assertThat(badges.find(saved.id()).active()).isFalse();

        admin.post(
                "/admin/loyalty/referrals",
                "/admin/loyalty",
                form(
                        "enabled",
                        "true",
                        "referrerPoints",
                        "100",
                        "friendPoints",
                        "50",
                        "minimumAmount",
                        "30",
                        "dailyCap",
                        "5"));
        assertThat(referrals.settings().enabled()).isTrue();
        assertThat(referrals.settings().dailyCap()).isEqualTo(5);
        admin.post(
                "/admin/loyalty/referrals",
                "/admin/loyalty",
                form(
                        "enabled",
                        "true",
                        "referrerPoints",
                        "-3",
                        "friendPoints",
                        "50",
                        "minimumAmount",
                        "30",
                        "dailyCap",
                        "5"));
        assertThat(referrals.settings().referrerPoints()).isEqualTo(100);
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("a whole number of points from 0");
    }

    @Test
    void theCustomerPageShowsBadgesTheCodeAndReferralsAndTheTimelinesShowBoth() {
        referrals.update(new ReferralSettings.Change(true, 0, 0, BigDecimal.ZERO, 10));
        String city = "页面城" + token;
        Customer member = aCustomer(city);
        Customer friend = aCustomer("别处" + token);
        Badge badge = badges.create(new BadgeDraft(
                "本城之星 " + token,
                "住在本城",
                0,
                true,
                json.readTree("{\"field\": \"profile.city\", \"op\": \"eq\", \"value\": \"" + city + "\"}")));
        awarding.run(List.of(member.id()));
        referrals.attach(referrals.codeOf(member.id()), friend.id());
        var manager = signedIn(Role.MANAGER);

        String page = manager.get("/customers/" + member.id() + "?lang=en").body();
        String friendPage =
                manager.get("/customers/" + friend.id() + "?lang=en").body();
        String timeline =
                manager.get("/customers/" + member.id() + "/timeline?lang=en").body();
        String friendTimeline =
                manager.get("/customers/" + friend.id() + "/timeline?lang=en").body();

        assertThat(page)
                .contains(badge.name(), referrals.codeOf(member.id()), friend.name(), "waiting for the first order");
        assertThat(friendPage).contains("Referred by", member.name());
        assertThat(timeline).contains("Badge earned: " + badge.name(), "Referred customer " + friend.id());
        assertThat(friendTimeline).contains("Referred by customer " + member.id());
    }

    private Customer aCustomer(String city) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "页面" + token + "-" + System.nanoTime(),
                null,
                "page-" + System.nanoTime() + "-" + token + "@example.com",
                null,
                null,
                city,
                null,
                null,
                null,
                null,
                null,
                "badge-pages",
                Map.of()));
    }

    private WebSession signedIn(Role role) {
        return StaffSessions.signedIn(users, port, role);
    }

    private static Map<String, String> form(String... pairs) {
        return StaffSessions.form(pairs);
    }
}

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages as people use them: an admin sets the programme up and adds a version of the earning rules; a manager sees
 * a customer's points on the customer page and adjusts them by hand (a form sent twice applies once); the timeline
 * shows the ledger.
 */
@LoyaltyTest
class LoyaltyPagesTests {

    private static final Pattern ADJUSTMENT_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    UserAccounts users;

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

    @Test
    void anAdminSetsTheProgrammeUpAndAddsAVersionOfTheRules() {
        var admin = signedIn(Role.ADMIN);
        int versions = programme.rules().size();

        var saved = admin.post(
                "/admin/loyalty",
                "/admin/loyalty",
                form(
                        "enabled", "true",
                        "earnFrom", "2021-06-01",
                        "pendingDays", "14",
                        "expiry", "ROLLING_DAYS",
                        "expiryMonths", "12",
                        "expiryDays", "400",
                        "refundShortfall", "CLAW_BACK",
                        "expiryReminderDays", "14",
                        "pointValue", "0.05"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/loyalty?lang=en").body()).contains("Programme saved.", "value=\"2021-06-01\"");
        assertThat(programme.settings())
                .extracting(
                        ProgrammeSettings::pendingDays,
                        ProgrammeSettings::expiry,
                        ProgrammeSettings::refundShortfall,
                        ProgrammeSettings::expiryReminderDays,
                        ProgrammeSettings::pointValue)
                .containsExactly(14, ExpiryPolicy.ROLLING_DAYS, RefundShortfall.CLAW_BACK, 14, new BigDecimal("0.05"));

        admin.post(
                "/admin/loyalty",
                "/admin/loyalty",
                form(
                        "enabled",
                        "true",
                        "earnFrom",
                        "2021-06-01",
                        "pendingDays",
                        "400",
                        "expiry",
                        "NEVER",
                        "expiryMonths",
                        "12",
                        "expiryDays",
                        "400",
                        "refundShortfall",
                        "CLAW_BACK",
                        "expiryReminderDays",
                        "14",
                        "pointValue",
                        "-1"));
        assertThat(admin.get("/admin/loyalty?lang=en").body())
                .contains("must be between 0 and 365 days", "what a point is worth in the base currency");
        assertThat(programme.settings().pendingDays()).isEqualTo(14);

        admin.post(
                "/admin/loyalty/earning-rules",
                "/admin/loyalty",
                form("pointsPerUnit", "1", "rounding", "DOWN", "firstOrderBonus", "0"));
        assertThat(programme.rules()).hasSize(versions + 1);
        assertThat(admin.get("/admin/loyalty?check=true&lang=en").body())
                .contains("The ledger balances and equals every member", "A new version of the earning rules");
    }

    @Test
    void aManagerSeesTheCustomersPointsAndAdjustsThemOnce() {
        Customer member = fixtures.aMember();
        loyalty.earn(member.id(), "welcome-" + fixtures.token, 120, LoyaltyReason.CAMPAIGN, "welcome gift");
        var manager = signedIn(Role.MANAGER);

        String page = manager.get("/customers/" + member.id() + "?lang=en").body();
        assertThat(page).contains("id=\"points\"", "Spendable", "welcome gift", "+120");
        Matcher key = ADJUSTMENT_KEY.matcher(page);
        assertThat(key.find()).isTrue();

        Map<String, String> adjustment = form("idempotencyKey", key.group(1), "points", "-20", "note", "broken cup");
        String path = "/customers/" + member.id() + "/loyalty/adjustments";
        assertThat(manager.post(path, "/customers/" + member.id(), adjustment).statusCode())
                .isEqualTo(302);
        manager.post(path, "/customers/" + member.id(), adjustment);
        assertThat(loyalty.wallet(member.id()).active()).isEqualTo(100);

        manager.post(
                path, "/customers/" + member.id(), form("idempotencyKey", "page:other", "points", "-500", "note", "x"));
        assertThat(manager.get("/customers/" + member.id() + "?lang=en").body())
                .contains("has 100 spendable points, 500 were asked for");

        assertThat(manager.get("/customers/" + member.id() + "/timeline?kind=points&lang=en")
                        .body())
                .contains("-20 points adjusted · balance 100", "+120 points from a campaign · balance 120");
    }

    private WebSession signedIn(Role role) {
        return StaffSessions.signedIn(users, port, role);
    }

    private static Map<String, String> form(String... pairs) {
        return StaffSessions.form(pairs);
    }
}

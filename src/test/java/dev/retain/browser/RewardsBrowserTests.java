package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.retain.IntegrationTest;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import dev.retain.loyalty.LoyaltyReason;
import dev.retain.loyalty.ProgrammeSettings;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin switches the points programme on and adds a gift to the rewards catalogue; a service agent redeems it for a
 * member on the customer page, and the points card shows the new balance and the gift waiting to be sent.
 */
@IntegrationTest
@Tag("browser")
class RewardsBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    BulkIngest bulk;

    @Autowired
    Loyalty loyalty;

    @Autowired
    LoyaltyProgramme programme;

    BrowserContext context;
    Page page;
    ProgrammeSettings before;

    @BeforeEach
    void openBrowser() {
        before = programme.settings();
        context = BrowserSupport.newContext("en");
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        BrowserSupport.close(context);
        // the database is shared with other tests: leave the programme as it was
        programme.update(new SettingsChange(before.enabled(), null, null, null, null, null, null, null, null));
    }

    @Test
    void anAdminAddsARewardAndAServiceAgentRedeemsItOnTheCustomerPage() {
        String token = "Rewards" + Long.toString(System.nanoTime(), 36);
        long customer = bulk.ingest(
                        ImportKind.CUSTOMERS,
                        "shop",
                        List.of(Map.of("customer_id", token, "name", "赵敏 " + token)),
                        Map.of())
                .get(0)
                .customerId();
        loyalty.earn(customer, "browser-" + token, 500, LoyaltyReason.CAMPAIGN, "开卡礼");
        String admin = "admin-" + token.toLowerCase();
        users.create(new NewUser(admin, "Ada Admin", null, PASSWORD, Set.of(Role.ADMIN)));
        String agent = "service-" + token.toLowerCase();
        users.create(new NewUser(agent, "Sam Service", null, PASSWORD, Set.of(Role.SERVICE)));

        BrowserSupport.signIn(page, port, admin, PASSWORD);
        page.navigate("http://localhost:" + port + "/admin/loyalty");
        page.locator("#enabled").check();
        if (page.locator("#earnFrom").inputValue().isBlank()) {
            // orders from this day earn points: none of the shared database's past orders
            page.locator("#earnFrom").fill("2099-01-01");
        }
        page.locator("#programme-form button[type=submit]").click();
        assertThat(page.locator("#enabled")).isChecked();
        String gift = "保温杯 " + token;
        page.locator("#reward-name").fill(gift);
        page.locator("#reward-kind").selectOption("GIFT");
        page.locator("#reward-points").fill("120");
        page.locator("#reward-stock").fill("10");
        page.locator("#new-reward button[type=submit]").click();
        assertThat(page.locator("#reward-errors")).hasCount(0);
        assertThat(page.locator("#rewards-admin .reward-row input[name=name][value='" + gift + "']"))
                .hasCount(1);
        context.clearCookies();

        BrowserSupport.signIn(page, port, agent, PASSWORD);
        page.navigate("http://localhost:" + port + "/customers/" + customer);
        page.waitForLoadState();
        assertThat(page.locator("#points-active")).hasText("500");
        page.locator("#redeem-reward select").selectOption(new SelectOption().setLabel(gift + " · 120 points"));
        page.locator("#redeem-reward button").click();

        assertThat(page.locator("#reward-redeemed")).containsText(gift);
        assertThat(page.locator("#points-active")).hasText("380");
        assertThat(page.locator("#reward-redemptions .reward-redemption")).hasCount(1);
        assertThat(page.locator("#reward-redemptions")).containsText("To send");
        // only managers mark gifts sent or cancel them
        assertThat(page.locator("#reward-redemptions form")).hasCount(0);
        page.locator("#points").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-rewards"))
                .setFullPage(true));
    }
}

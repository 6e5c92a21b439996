package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.customers.Placements;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A salesperson opens their pool from the sidebar, sees a waiting customer with the phone hidden, claims it, reads on
 * the customer page when it would go back, and releases it with a reason.
 */
@IntegrationTest
@Tag("browser")
class PoolBrowserTests {

    private static final String PASSWORD = "pool browser password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Customers customers;

    @Autowired
    Placements placements;

    BrowserContext context;

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            BrowserSupport.close(context);
        }
    }

    @Test
    void aSalespersonClaimsFromTheirPoolAndReleasesWithAReason() {
        String token = Long.toString(System.nanoTime(), 36);
        String seller = "pool-seller-" + token;
        long sellerId = users.create(new NewUser(seller, "Pool Seller", null, PASSWORD, Set.of(Role.SALES)))
                .id();
        long adminId = users.create(
                        new NewUser("pool-admin-" + token, "Pool Admin", null, PASSWORD, Set.of(Role.ADMIN)))
                .id();
        var admin = ApiClient.withToken(
                port,
                apiKeys.create("pool browser " + token, Set.of(Role.ADMIN), adminId)
                        .token());
        var settings = new HashMap<String, Object>();
        settings.put("name", "North " + token);
        settings.put("followUpDays", 30);
        settings.put("remindDays", 3);
        settings.put("hiddenFields", List.of("PHONE"));
        settings.put("members", List.of(Map.of("userId", sellerId, "admin", false)));
        var created = admin.post("/api/v1/pools", settings);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long pool = created.body().get("id").asLong();
        long customer = customers
                .create(new CustomerDraft(
                        CustomerKind.PERSON,
                        "池中客 " + token,
                        "13912345678",
                        null,
                        null,
                        null,
                        "南京",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "test",
                        Map.of()))
                .id();
        assertThat(admin.post(
                                "/api/v1/pools/releases",
                                Map.of("customerIds", List.of(customer), "poolId", pool, "reason", "new region"))
                        .status())
                .isEqualTo(200);

        context = BrowserSupport.newContext("en");
        Page page = context.newPage();
        BrowserSupport.signIn(page, port, seller, PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Public pools"))
                .click();
        page.locator("#pool-" + pool).click();
        var row = page.locator("#waiting-" + customer);
        assertThat(row).containsText("池中客 " + token);
        assertThat(row).containsText("hidden until claimed");
        assertThat(row).not().containsText("13912345678");
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("pool")));

        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Claim"))
                .click();
        assertThat(page.locator("#claimed")).isVisible();
        assertThat(placements.of(customer).ownerId()).isEqualTo(sellerId);
        page.locator("#claimed a").click();
        assertThat(page.locator("#days-until-reclaim")).containsText("30 days without a follow-up");

        page.locator("#pool-place input[name=reason]").first().fill("wrong region after all");
        page.locator("#release").click();
        assertThat(page.locator("#flash")).containsText("back in the pool");
        assertThat(placements.of(customer).waiting()).isTrue();
    }
}

package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@Tag("browser")
class CouponsBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    BulkIngest bulk;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext("en");
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        BrowserSupport.close(context);
    }

    @Test
    void aMarketerCreatesACampaignAndIssuesACouponOnACustomersPage() {
        String token = "Coupons" + Long.toString(System.nanoTime(), 36);
        long customer = bulk.ingest(
                        ImportKind.CUSTOMERS,
                        "shop",
                        List.of(Map.of("customer_id", token, "name", "王芳 " + token)),
                        Map.of())
                .get(0)
                .customerId();
        String username = "marketer-" + token.toLowerCase();
        users.create(new NewUser(username, "Mia Marketer", null, PASSWORD, Set.of(Role.MARKETER)));

        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Coupons"))
                .click();
        page.locator("#new-campaign").click();
        page.locator("#name").fill("回归礼 " + token);
        page.locator("#kind").selectOption("FIXED");
        page.locator("#amount").fill("20");
        page.locator("#minSpend").fill("100");
        page.locator("#validDaysAfterIssue").fill("14");
        page.locator("#budget").fill("500");
        page.locator("#save").click();

        assertThat(page).hasURL(Pattern.compile(".*/coupons/\\d+"));
        assertThat(page.locator("#campaign-name")).hasText("回归礼 " + token);
        assertThat(page.locator("#campaign-offer")).hasText("¥20 off orders over ¥100");
        assertThat(page.locator("#figure-issued")).hasText("0 / 500");

        page.navigate("http://localhost:" + port + "/customers/" + customer);
        assertThat(page.locator("#coupons")).containsText("No coupons held.");
        page.locator("#issue-coupon select")
                .selectOption(new com.microsoft.playwright.options.SelectOption()
                        .setLabel("回归礼 " + token + " · ¥20 off orders over ¥100"));
        page.locator("#issue-coupon button").click();

        assertThat(page.locator("#coupons #issued-code")).isVisible();
        assertThat(page.locator("#coupons .held-coupon")).hasCount(1);
        assertThat(page.locator("#coupons .held-coupon")).containsText("¥20 off orders over ¥100");
        page.locator("#coupons").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-coupons"))
                .setFullPage(true));

        // the navigation's link: the customer page has a timeline filter and coupon entries named alike
        page.locator("#nav")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Coupons"))
                .click();
        assertThat(page.locator("#campaigns")).containsText("回归礼 " + token);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("回归礼 " + token))
                .click();
        assertThat(page.locator("#figure-issued")).hasText("1 / 500");
        assertThat(page.locator("#coupons tbody tr")).hasCount(1);
        page.locator("#to-PAUSED").click();
        assertThat(page.locator("#campaign-status")).hasText("paused");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("coupon-campaign"))
                .setFullPage(true));
    }
}

package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@Tag("browser")
class PredictionPagesBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    BulkIngest bulk;

    @Autowired
    JdbcClient jdbc;

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
    void aManagerChecksTheLifetimeValueModelTrainsTheChurnModelsAndReadsACustomersReasons() {
        String token = "Predict" + Long.toString(System.nanoTime(), 36);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var random = new Random(17);
        var orders = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 300; i++) {
            boolean quits = random.nextBoolean();
            LocalDate day = today.minusDays(420 + random.nextInt(60));
            LocalDate stop = quits ? today.minusDays(60 + random.nextInt(260)) : today;
            for (int n = 0; day.isBefore(stop); n++) {
                boolean refunded = random.nextDouble() < (quits ? 0.6 : 0.05);
                orders.add(Map.of(
                        "order_id", token + "-" + i + "-" + n,
                        "customer_id", token + "-" + i,
                        "order_date", day + " 12:00",
                        "amount", String.valueOf(50 + random.nextInt(200)),
                        "status", refunded ? "refunded" : "paid"));
                day = day.plusDays(7 + (long) (-25 * Math.log(1 - random.nextDouble())));
            }
        }
        bulk.ingest(ImportKind.ORDERS, "shop", orders, Map.of());
        String username = "manager-" + token.toLowerCase();
        users.create(new NewUser(username, "Max Manager", null, PASSWORD, Set.of(Role.MANAGER)));

        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Models"))
                .click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/predict/clv"));
        page.locator("#rescore").click();
        // Refitting reads every buyer the test database holds by now: on a busy machine that takes a while.
        assertThat(page.locator("#current-fit .model-parameters[data-model='BG/NBD'] tbody tr"))
                .hasCount(4, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
        assertThat(page.locator("#current-fit")).containsText("converged");

        page.locator("#calibrationEnd").fill(today.minusDays(120).toString());
        page.locator("#unit").selectOption("DAYS");
        page.locator("#run-check").click();
        assertThat(page.locator("#holdout-groups tbody tr").first()).isVisible();
        assertThat(page.locator("#holdout-total")).containsText("purchases made");
        assertThat(page.locator("#holdout-chart canvas")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("predict-clv"))
                .setFullPage(true));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Churn risk"))
                .click();
        page.locator("#train").click();
        assertThat(page.locator("#active-model #roc-auc")).isVisible();
        assertThat(page.locator("#registry tbody tr")).not().hasCount(0);
        assertThat(page.locator("#registry")).containsText("active");
        assertThat(page.locator("#reliability-chart canvas")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("predict-churn"))
                .setFullPage(true));

        Long risky = jdbc.sql("""
                        select customer_id from churn_scores where jsonb_array_length(reasons) > 0
                        order by probability desc limit 1""").query(Long.class).single();
        page.navigate("http://localhost:" + port + "/customers/" + risky);
        assertThat(page.locator("#churn-risk")).isVisible();
        List<String> reasons = page.locator("#churn-risk .churn-reason").allTextContents();
        assertThat(reasons).isNotEmpty().noneMatch(text -> text.contains("churn.reason"));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-churn-risk"))
                .setFullPage(true));
    }
}

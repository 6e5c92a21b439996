package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.retain.IntegrationTest;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@Tag("browser")
class SegmentBuilderBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    BulkIngest bulk;

    @Autowired
    Audiences audiences;

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
    void aMarketerBuildsASegmentWatchingTheCountThenSavesAndExportsIt() throws Exception {
        String token = "Builder" + Long.toString(System.nanoTime(), 36);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var orders = new ArrayList<Map<String, Object>>();
        for (int daysAgo : new int[] {2, 9, 16}) {
            orders.add(order(token + "-frequent", token + "-f" + daysAgo, today.minusDays(daysAgo)));
        }
        orders.add(order(token + "-rare", token + "-r", today.minusDays(100)));
        bulk.ingest(
                ImportKind.CUSTOMERS,
                "shop",
                List.of(
                        Map.of("customer_id", token + "-frequent", "name", token + " Frequent"),
                        Map.of("customer_id", token + "-rare", "name", token + " Rare")),
                Map.of());
        bulk.ingest(ImportKind.ORDERS, "shop", orders, Map.of());
        String username = "marketer-" + token.toLowerCase();
        users.create(new NewUser(username, "Mia Marketer", null, PASSWORD, Set.of(Role.MARKETER)));

        BrowserSupport.signIn(page, port, username, PASSWORD);
        page.navigate("http://localhost:" + port + "/segments");
        page.locator("#new-segment").click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Frequent " + token);

        Locator first = page.locator(".criterion").nth(0);
        first.locator(".field").selectOption("profile.name");
        page.locator(".criterion").nth(0).locator(".op").selectOption("contains");
        setValue(page.locator(".criterion").nth(0).locator(".value"), token);
        assertThat(page.locator("#preview-count")).hasText("2");

        page.locator(".add-condition").first().click();
        Locator second = page.locator(".criterion").nth(1);
        second.locator(".field").selectOption("orders.count");
        page.locator(".criterion").nth(1).locator(".op").selectOption("gte");
        setValue(page.locator(".criterion").nth(1).locator("input[name=param-within_days]"), "30");
        setValue(page.locator(".criterion").nth(1).locator(".value"), "3");
        assertThat(page.locator("#preview-count")).hasText("1");
        assertThat(page.locator("#preview-sample")).containsText(token + " Frequent");
        assertThat(page.locator("#preview-sample")).containsText("orders.count(within_days=30) = 3");

        // A fault is shown at the criterion it concerns.
        setValue(page.locator(".criterion").nth(1).locator("input[name=param-within_days]"), "-3");
        assertThat(page.locator(".criterion").nth(1).locator(".problem"))
                .hasText("must be a whole number of days above 0");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("segment-builder-problem"))
                .setFullPage(true));
        setValue(page.locator(".criterion").nth(1).locator("input[name=param-within_days]"), "30");
        assertThat(page.locator("#preview-count")).hasText("1");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("segment-builder"))
                .setFullPage(true));
        BrowserSupport.saveDocScreenshot(page, "segment-builder");

        page.locator("#save").click();
        assertThat(page.locator("#audience-name")).hasText("Frequent " + token);
        assertThat(page.locator("#member-count")).hasText("1");
        assertThat(page.locator("#members")).containsText(token + " Frequent");
        assertThat(page.locator("#members")).containsText("orders.count(within_days=30) = 3");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("segment-page"))
                .setFullPage(true));

        Download csv = page.waitForDownload(() -> page.locator("#export-csv").click());
        String exported = Files.readString(csv.path(), StandardCharsets.UTF_8);
        assertThat(exported).startsWith("\uFEFFcustomer_id,name,since,reason").contains(token + " Frequent");
        assertThat(exported.lines()).hasSize(2);
        Download xlsx = page.waitForDownload(() -> page.locator("#export-xlsx").click());
        try (var workbook = new XSSFWorkbook(xlsx.path().toFile())) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(token + " Frequent");
        }

        // The customer page shows the segment with why, and takes a manual tag.
        audiences.create(
                AudienceKind.TAG, new AudienceDraft("VIP " + token, null, AudienceMode.MANUAL, null, true, null));
        page.locator("#members a").first().click();
        assertThat(page.locator("#segments")).containsText("Frequent " + token);
        assertThat(page.locator("#segments")).containsText("orders.count(within_days=30) = 3");
        page.locator("#segments select[name=tagId]").selectOption(new SelectOption().setLabel("VIP " + token));
        page.locator("#segments button[type=submit]", new Page.LocatorOptions().setHasText("Add tag"))
                .click();
        assertThat(page.locator("#segments")).containsText("VIP " + token);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-tags"))
                .setFullPage(true));

        page.navigate("http://localhost:" + port + "/rfm");
        page.locator("#score-now").click();
        assertThat(page.locator("#last-run")).isVisible();
        assertThat(page.locator("#rfm-segments tbody tr")).hasCount(11);
        assertThat(page.locator("#value-cells tbody tr")).hasCount(8);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("rfm"))
                .setFullPage(true));
    }

    private static void setValue(Locator input, String value) {
        input.fill(value);
        input.dispatchEvent("change");
    }

    private static Map<String, Object> order(String customer, String orderId, LocalDate day) {
        return Map.of("order_id", orderId, "customer_id", customer, "order_date", day + " 12:00", "amount", "100");
    }
}

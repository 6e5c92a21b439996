package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.analytics.AnalyticsRefresh;
import dev.retain.analytics.ShopHistory;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A manager opens the dashboard for one region and month, reads the KPIs and charts, and downloads their data. */
@IntegrationTest
@Tag("browser")
class DashboardBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsRefresh refresh;

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
    void aManagerReadsTheMonthOfARegionAndDownloadsTheFigures() throws Exception {
        ShopHistory shop = new ShopHistory(jdbc);
        long first = shop.aCustomer("首单客户", "FIRST_ORDER");
        long loyal = shop.aCustomer("老客户", "REPEAT");
        shop.aCustomer("潜在客户", "PROSPECT");
        shop.paid(loyal, "2025-02-03", "300");
        shop.paid(loyal, "2025-03-04", "200");
        shop.paid(loyal, "2025-03-18", "100");
        shop.paid(first, "2025-03-09", "120");
        shop.order(first, LocalDate.parse("2025-03-11"), "REFUNDED", "999", "其他");
        refresh.rebuild();
        String token = Long.toString(System.nanoTime(), 36);
        String username = "dashboard-" + token;
        users.create(new NewUser(username, "Dana Dashboard", null, PASSWORD, Set.of(Role.MANAGER)));
        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard"))
                .click();
        assertThat(page.locator("h1")).hasText("Dashboard");
        page.locator("#from").fill("2025-03-01");
        page.locator("#to").fill("2025-03-31");
        page.locator("#region").fill(shop.region);
        page.locator("#apply").click();

        assertThat(page.locator("#period-note")).containsText("2025-01-29 – 2025-02-28");
        assertThat(kpi("ACTIVE_CUSTOMERS")).hasText("2");
        assertThat(kpi("NEW_CUSTOMERS")).hasText("1");
        assertThat(kpi("REVENUE")).hasText("420.00");
        assertThat(kpi("AVERAGE_ORDER_VALUE")).hasText("140.00");
        assertThat(kpi("RETENTION_RATE")).hasText("100.0%");
        assertThat(kpi("REPURCHASE_RATE")).hasText("50.0%");
        assertThat(page.locator("[data-kpi=ACTIVE_CUSTOMERS] .kpi-change")).hasText("+100.0%");
        assertThat(page.locator("[data-kpi=RETENTION_RATE]"))
                .hasAttribute(
                        "title",
                        "Of the customers active in the previous period, the share who placed a paid order again in this one.");
        assertThat(page.locator("#lifecycle-table tr[data-stage=PROSPECT] td").nth(1))
                .hasText("3");
        assertThat(page.locator("#lifecycle-table tr[data-stage=REPEAT] td").nth(1))
                .hasText("1");
        assertThat(page.locator("#cohort-table tr[data-cohort='2025-02-01'] td").nth(1))
                .hasText("1");
        assertThat(page.locator("#cohort-chart canvas")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("dashboard"))
                .setFullPage(true));

        Download kpis = page.waitForDownload(
                () -> page.locator("a[data-download='kpis.xlsx']").first().click());
        try (InputStream in = Files.newInputStream(kpis.path());
                var workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("2025-03-01 – 2025-03-31");
            var revenue = findRow(sheet, "Revenue");
            assertThat(revenue.getCell(1).getNumericCellValue()).isEqualTo(420.0);
            assertThat(revenue.getCell(2).getNumericCellValue()).isEqualTo(300.0);
        }
        Download cohorts = page.waitForDownload(
                () -> page.locator("a[data-download='cohort-customers.csv']").click());
        List<String> lines = Files.readAllLines(cohorts.path(), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("\uFEFFCohort,Customers,M0,M1");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2025-02,1,1,1,"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2025-03,1,1,0,"));
    }

    private com.microsoft.playwright.Locator kpi(String name) {
        return page.locator("[data-kpi=" + name + "] .kpi-value");
    }

    private static org.apache.poi.ss.usermodel.Row findRow(Sheet sheet, String label) {
        for (var row : sheet) {
            if (label.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + label);
    }
}
